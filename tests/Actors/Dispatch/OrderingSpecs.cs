namespace Troupe.Actors.Tests.Dispatch;

/// <summary>Per sender→receiver pair, messages arrive in order with none lost, under 8 concurrent senders.</summary>
public class OrderingSpecs(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private const int Senders = 8;
    private const int PerSender = 1_000_000;
    private const int Chunk = 10_000;

    private sealed record Seq(int Sender, int N);

    private sealed record Go(IActorRef Receiver);

    private sealed record Ack(int UpTo);

    private sealed record Report(long Received, int OutOfOrder, string FirstViolation);

    /// <summary>Counts per sender; acknowledges every chunk so senders stay at most two chunks ahead.</summary>
    private sealed class Receiver : ReceiveActor
    {
        private readonly int[] next = new int[Senders];
        private long received;
        private int outOfOrder;
        private string firstViolation = "";

        public Receiver(IActorRef reportTo)
        {
            Receive<Seq>(m =>
            {
                if (m.N != next[m.Sender])
                {
                    if (outOfOrder++ == 0) firstViolation = $"sender {m.Sender}: expected {next[m.Sender]}, got {m.N}";
                }
                next[m.Sender] = m.N + 1;
                received++;
                if ((m.N + 1) % Chunk == 0) Sender.Tell(new Ack(m.N + 1), Self);
                if (received == (long)Senders * PerSender) reportTo.Tell(new Report(received, outOfOrder, firstViolation), Self);
            });
        }
    }

    private sealed class Sender : ReceiveActor
    {
        private IActorRef receiver = Nobody.Instance;
        private int sent;

        public Sender(int id)
        {
            Receive<Go>(go =>
            {
                receiver = go.Receiver;
                SendChunk();
                SendChunk();
            });
            Receive<Ack>(_ => SendChunk());

            void SendChunk()
            {
                var end = Math.Min(sent + Chunk, PerSender);
                for (; sent < end; sent++) receiver.Tell(new Seq(id, sent), Self);
            }
        }
    }

    [Fact]
    public void Messages_from_8_concurrent_senders_must_arrive_in_order_with_none_lost()
    {
        var receiver = ActorOf(Props.Create(() => new Receiver(TestActor)), "receiver");
        var senders = Enumerable.Range(0, Senders).Select(i => ActorOf(Props.Create(() => new Sender(i)), $"sender-{i}")).ToList();
        foreach (var s in senders) s.Tell(new Go(receiver));

        var report = ExpectMsg<Report>(Dilated(TimeSpan.FromSeconds(60)));
        report.OutOfOrder.Should().Be(0, report.FirstViolation);
        report.Received.Should().Be((long)Senders * PerSender);
    }

    [Fact]
    public void Queue_must_keep_each_producer_in_order_across_segment_growth()
    {
        const int producers = 4, perProducer = 200_000;
        var queue = new MpscQueue<(int Producer, int N)>();
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            for (var n = 0; n < perProducer; n++) queue.Enqueue((p, n));
        })).ToList();
        threads.ForEach(t => t.Start());
        var next = new int[producers];
        var total = 0;
        var deadline = DateTime.UtcNow + Dilated(TimeSpan.FromSeconds(30));
        while (total < producers * perProducer && DateTime.UtcNow < deadline)
        {
            if (!queue.TryDequeue(out var item))
            {
                Thread.Yield();
                continue;
            }
            item.N.Should().Be(next[item.Producer]);
            next[item.Producer]++;
            total++;
        }
        threads.ForEach(t => t.Join(Dilated(TimeSpan.FromSeconds(10))).Should().BeTrue());
        total.Should().Be(producers * perProducer);
        queue.IsEmpty.Should().BeTrue();
        queue.TryDequeue(out _).Should().BeFalse();
    }
}
