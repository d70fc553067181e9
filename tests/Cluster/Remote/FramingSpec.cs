using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;
using Troupe.Cluster.Remote.Framing;
using Troupe.Cluster.Tests.Support;
using Troupe.Protocol.Remote;

namespace Troupe.Cluster.Tests.Remote;

public class FramingSpec
{
    private static async Task<List<Pdu>> RoundTripAsync(IEnumerable<Pdu> pdus, int maxFrame = 1 << 20)
    {
        // Written completely before reading: the pipe must not pause the writer.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var writer = new FrameWriter(pipe.Writer, maxFrame);
        foreach (var pdu in pdus) writer.Write(pdu);
        await writer.FlushAsync();
        await pipe.Writer.CompleteAsync();
        var reader = new FrameReader(pipe.Reader, maxFrame);
        var result = new List<Pdu>();
        while (await reader.ReadAsync() is { } pdu) result.Add(pdu);
        return result;
    }

    private static async Task<FrameException> ReadRawAsync(byte[] bytes, int maxFrame = 1024)
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(bytes);
        await pipe.Writer.CompleteAsync();
        var reader = new FrameReader(pipe.Reader, maxFrame);
        var act = async () => { while (await reader.ReadAsync() is not null) { } };
        return (await act.Should().ThrowAsync<FrameException>()).Which;
    }

    private static byte[] Prefixed(uint length, byte[] body)
    {
        var bytes = new byte[4 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, length);
        body.CopyTo(bytes, 4);
        return bytes;
    }

    [Fact]
    public async Task Frames_must_round_trip_in_order()
    {
        var pdus = Enumerable.Range(0, 100).Select(i => new Pdu { Envelope = Transports.Numbered(i) }).ToList();
        var read = await RoundTripAsync(pdus);
        read.Select(p => Transports.Number(p.Envelope)).Should().Equal(Enumerable.Range(0, 100));
    }

    [Fact]
    public async Task Reader_must_refuse_an_oversize_length_prefix_before_buffering_it()
    {
        var e = await ReadRawAsync(Prefixed(0x7FFF_FFFF, [1, 2, 3]));
        e.Error.Should().Be(FrameError.Oversize);
        e.Message.Should().Contain("exceeds the maximum frame size of 1024");
    }

    [Fact]
    public async Task Reader_must_report_a_frame_cut_short()
    {
        var body = new Pdu { Envelope = Transports.Numbered(7) }.ToByteArray();
        var bytes = Prefixed((uint)body.Length, body)[..^3];
        (await ReadRawAsync(bytes)).Error.Should().Be(FrameError.Truncated);
    }

    [Fact]
    public async Task Reader_must_report_a_truncated_length_prefix()
    {
        (await ReadRawAsync([0, 0])).Error.Should().Be(FrameError.Truncated);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x08, 0x01 })]
    public async Task Reader_must_refuse_garbage_bodies(byte[] body)
    {
        (await ReadRawAsync(Prefixed((uint)body.Length, body))).Error.Should().Be(FrameError.Malformed);
    }

    [Fact]
    public async Task Reader_must_refuse_a_zero_length_frame()
    {
        (await ReadRawAsync([0, 0, 0, 0])).Error.Should().Be(FrameError.Malformed);
    }

    [Fact]
    public void Writer_must_refuse_a_frame_over_the_limit_without_writing()
    {
        var pipe = new Pipe();
        var writer = new FrameWriter(pipe.Writer, 1024);
        var act = () => writer.Write(new Pdu { Envelope = Transports.Envelope(new byte[2000]) });
        act.Should().Throw<FrameTooLargeException>().WithMessage("*exceeds the maximum frame size of 1024 bytes");
        writer.UnflushedBytes.Should().Be(0);
    }

    [Fact]
    public async Task Chunked_payloads_must_reassemble_byte_exact_through_frames()
    {
        var payload = new byte[300_000];
        new Random(3).NextBytes(payload);
        var chunks = EnvelopeChunker.Split(Transports.Envelope(payload), 4096, 42).ToList();
        chunks.Should().HaveCountGreaterThan(70);
        var read = await RoundTripAsync(chunks.Select(c => new Pdu { Envelope = c }), 4096);
        var assembler = new ChunkAssembler(1 << 20);
        Envelope? whole = null;
        foreach (var pdu in read)
        {
            whole.Should().BeNull();
            whole = assembler.Add(pdu.Envelope);
        }
        whole!.Payload.ToByteArray().Should().Equal(payload);
        whole.Chunk.Should().BeNull();
        whole.Recipient.Should().Be("/user/echo");
    }

    [Fact]
    public void Chunker_must_leave_a_small_envelope_whole()
    {
        var envelope = Transports.Numbered(1);
        EnvelopeChunker.Split(envelope, 4096, 1).Should().ContainSingle().Which.Should().BeSameAs(envelope);
    }

    [Fact]
    public void Chunker_must_support_payloads_of_256_megabytes()
    {
        // Splitting only slices; the count and the last chunk's size are checked without copying 256 MB.
        const int size = 256 * 1024 * 1024;
        var envelope = Transports.Envelope([]);
        envelope.Payload = UnsafeByteOperations.UnsafeWrap(new byte[size]);
        var chunks = EnvelopeChunker.Split(envelope, 4 * 1024 * 1024, 9).ToList();
        chunks.Sum(c => (long)c.Payload.Length).Should().Be(size);
        chunks.Should().OnlyContain(c => c.CalculateSize() + 4 <= 4 * 1024 * 1024);
        chunks[^1].Chunk.Count.Should().Be((uint)chunks.Count);
    }

    [Fact]
    public void Assembler_must_refuse_chunks_out_of_order()
    {
        var chunks = EnvelopeChunker.Split(Transports.Envelope(new byte[10_000]), 2048, 1).ToList();
        var assembler = new ChunkAssembler(1 << 20);
        assembler.Add(chunks[0]);
        var act = () => assembler.Add(chunks[2]);
        act.Should().Throw<FrameException>().Which.Error.Should().Be(FrameError.BadChunk);
    }

    [Fact]
    public void Assembler_must_refuse_a_declared_size_over_the_message_limit_before_allocating()
    {
        var chunk = Transports.Envelope([1]);
        chunk.Chunk = new ChunkInfo { MessageId = 1, Index = 0, Count = 2, TotalLength = ulong.MaxValue };
        var act = () => new ChunkAssembler(1 << 20).Add(chunk);
        act.Should().Throw<FrameException>().WithMessage("*exceeds the maximum message size*");
    }

    [Fact]
    public void Assembler_must_refuse_an_unchunked_envelope_inside_a_chunked_message()
    {
        var chunks = EnvelopeChunker.Split(Transports.Envelope(new byte[10_000]), 2048, 1).ToList();
        var assembler = new ChunkAssembler(1 << 20);
        assembler.Add(chunks[0]);
        var act = () => assembler.Add(Transports.Numbered(3));
        act.Should().Throw<FrameException>().Which.Error.Should().Be(FrameError.BadChunk);
    }
}
