using System.Runtime.CompilerServices;

namespace Troupe.Actors;

/// <summary>
/// An unbounded, lock-free multi-producer single-consumer FIFO queue: a linked list of ring segments
/// (Vyukov's bounded queue with one sequence number per slot). Producers reserve a slot with one CAS on
/// the segment tail and publish it with a release store; the single consumer needs no atomic
/// instruction. A full segment is frozen and a segment twice its size is linked after it, so a
/// mailbox that keeps up reuses its ring and allocates nothing per message.
/// <para>
/// <see cref="TryDequeue"/> never spins: it returns false when the next slot is reserved but not yet
/// published. Callers (the mailbox) rely on the producer scheduling the consumer after it publishes.
/// Items of one producer are dequeued in the order it enqueued them.
/// </para>
/// </summary>
internal sealed class MpscQueue<T>
{
    private const int InitialSegmentLength = 32;
    private const int MaxSegmentLength = 1 << 20;

    private readonly object growLock = new();
    private Segment head;               // consumer only
    private volatile Segment tail;

    public MpscQueue()
    {
        head = tail = new Segment(InitialSegmentLength);
    }

    /// <summary>True when the consumer would find nothing published at the head (consumer's view).</summary>
    public bool IsEmpty
    {
        get
        {
            var segment = head;
            while (true)
            {
                if (segment.HasPublishedHead()) return false;
                var next = segment.Next;
                if (next is null || !segment.IsDrainedAfterFreeze()) return true;
                segment = next;
            }
        }
    }

    public void Enqueue(T item)
    {
        while (true)
        {
            var segment = tail;
            if (segment.TryEnqueue(item)) return;
            lock (growLock)
            {
                if (segment != tail) continue;
                segment.Freeze();
                var next = new Segment(Math.Min(segment.Length * 2, MaxSegmentLength));
                segment.Next = next;
                tail = next;
            }
        }
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out T item)
    {
        var segment = head;
        while (true)
        {
            if (segment.TryDequeue(out item)) return true;
            var next = segment.Next;
            // Move on only once every reservation made before the freeze has been consumed.
            if (next is null || !segment.IsDrainedAfterFreeze()) return false;
            head = segment = next;
        }
    }

    private sealed class Segment
    {
        private const int FreezeOffset = 1 << 29;

        private readonly Slot[] slots;
        private readonly int mask;
        private int consumerHead;       // consumer only
        private PaddedInt32 producerTail;
        private volatile bool frozen;
        public volatile Segment? Next;

        public Segment(int length)
        {
            slots = new Slot[length];
            mask = length - 1;
            for (var i = 0; i < length; i++) slots[i].Sequence = i;
        }

        public int Length => slots.Length;

        public bool TryEnqueue(T item)
        {
            while (true)
            {
                var pos = Volatile.Read(ref producerTail.Value);
                ref var slot = ref slots[pos & mask];
                var diff = Volatile.Read(ref slot.Sequence) - pos;
                if (diff == 0)
                {
                    if (Interlocked.CompareExchange(ref producerTail.Value, pos + 1, pos) == pos)
                    {
                        slot.Item = item;
                        Volatile.Write(ref slot.Sequence, pos + 1);
                        return true;
                    }
                }
                else if (diff < 0)
                {
                    return false;   // full, or frozen (the tail jumped past every slot's sequence)
                }
            }
        }

        public bool TryDequeue(out T item)
        {
            var pos = consumerHead;
            ref var slot = ref slots[pos & mask];
            if (Volatile.Read(ref slot.Sequence) != pos + 1)
            {
                item = default!;
                return false;
            }
            item = slot.Item;
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) slot.Item = default!;
            consumerHead = pos + 1;
            Volatile.Write(ref slot.Sequence, pos + slots.Length);
            return true;
        }

        public bool HasPublishedHead() => Volatile.Read(ref slots[consumerHead & mask].Sequence) == consumerHead + 1;

        /// <summary>Called under the queue's grow lock: no reservation can succeed afterwards.</summary>
        public void Freeze()
        {
            frozen = true;
            Interlocked.Add(ref producerTail.Value, FreezeOffset);
        }

        public bool IsDrainedAfterFreeze() =>
            frozen && consumerHead == Volatile.Read(ref producerTail.Value) - FreezeOffset;
    }

    private struct Slot
    {
        public T Item;
        public int Sequence;
    }
}
