using System.Runtime.ExceptionServices;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;
using Troupe.Collectives;
using Troupe.Training.Models;

namespace Troupe.Training.Learning;

/// <summary>
/// <see cref="IReplicaSum"/> over a Gloo <see cref="ProcessGroup"/>: a custom autograd function whose forward and
/// backward are each one allreduce (sum), the backward weighted by the replica's current weight
/// (<c>weight()</c>: its batch's target count, as <see cref="DataParallelCallback"/> weighs its gradients).
/// <para>
/// libtorch calls the backward from native code, where a managed exception would end the process; a failed
/// collective there is therefore kept (<see cref="ThrowIfFaulted"/>), its gradient left zero, and the caller rethrows it
/// once the backward pass has returned. Backward of CPU tensors runs on the thread that called it, so the group's
/// <see cref="ProcessGroup.AroundWait"/> applies as in any other collective.
/// </para>
/// </summary>
internal sealed class GroupSum : IReplicaSum
{
    private readonly ProcessGroup group;
    private readonly Func<long> weight;
    private Exception? fault;

    public GroupSum(ProcessGroup group, Func<long> weight)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(weight);
        this.group = group;
        this.weight = weight;
    }

    public Tensor Sum(Tensor local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return AllSum.apply(local, this);
    }

    /// <summary>Rethrows (and forgets) the first collective failure of a backward pass, if any.</summary>
    public void ThrowIfFaulted()
    {
        if (Interlocked.Exchange(ref fault, null) is { } e) ExceptionDispatchInfo.Throw(e);
    }

    private sealed class AllSum : SingleTensorFunction<AllSum>
    {
        public override string Name => "ReplicaAllSum";

        public override Tensor forward(AutogradContext ctx, params object[] vars)
        {
            var (local, owner) = ((Tensor)vars[0], (GroupSum)vars[1]);
            var w = owner.weight();
            if (w < 1) throw new InvalidOperationException($"GroupSum: expected a weight >= 1 (the batch's targets), got {w}");
            ctx.save_data("owner", owner);
            ctx.save_data("weight", w);
            var total = local.contiguous().clone();
            owner.group.AllReduce(total);
            return total;
        }

        public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
        {
            var owner = (GroupSum)ctx.get_data("owner");
            var w = (long)ctx.get_data("weight");
            try
            {
                using var scalar = w.ToScalar();
                var g = grad_output.mul(scalar).contiguous();
                owner.group.AllReduce(g);
                return [g.div_(scalar), null!];
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref owner.fault, e, null);
                return [zeros_like(grad_output), null!];
            }
        }
    }
}
