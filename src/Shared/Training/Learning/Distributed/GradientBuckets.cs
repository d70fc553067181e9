using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Troupe.Collectives;

namespace Troupe.Training.Learning;

/// <summary>
/// The gradient buckets of one model (PyTorch DDP's reducer, synchronously after backward): parameters in
/// reverse registration order (the order backward produces their gradients), cut into buckets of at most
/// <c>bucketBytes</c>; each bucket is one flattened Gloo allreduce. Every replica builds the same layout from
/// the same model, so the collectives line up.
/// </summary>
internal sealed class GradientBuckets
{
    private readonly Parameter[] parameters;
    private readonly int[][] buckets;

    /// <param name="parameters">The trainable parameters in model order (shared ones once).</param>
    /// <param name="bucketBytes">Bucket cap; a parameter larger than it travels alone.</param>
    public GradientBuckets(IReadOnlyList<Parameter> parameters, long bucketBytes)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (bucketBytes < 1) throw new ArgumentOutOfRangeException(nameof(bucketBytes), $"GradientBuckets: expected a bucket cap >= 1 byte, got {bucketBytes}");
        this.parameters = [.. parameters];
        var layout = new List<int[]>();
        var current = new List<int>();
        long currentBytes = 0;
        for (var i = this.parameters.Length - 1; i >= 0; i--)
        {
            var p = this.parameters[i];
            var bytes = p.numel() * p.element_size();
            if (current.Count > 0 && currentBytes + bytes > bucketBytes)
            {
                layout.Add([.. current]);
                current.Clear();
                currentBytes = 0;
            }
            current.Add(i);
            currentBytes += bytes;
            TotalBytes += bytes;
        }
        if (current.Count > 0) layout.Add([.. current]);
        buckets = [.. layout];
    }

    /// <summary>Parameter indices (model order) of every bucket, in the order the buckets are reduced.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Layout => buckets;

    /// <summary>Gradient bytes one step reduces.</summary>
    public long TotalBytes { get; }

    /// <summary>
    /// Replaces every gradient with the weighted mean over the replicas, <c>Σ w_r·g_r / Σ w_r</c>, and returns the
    /// weighted mean of the losses and the summed weight. With <c>w_r</c> the replica's target tokens this is the
    /// full batch's gradient and loss (a mean over tokens), also when rows split unevenly. A parameter without a
    /// gradient here contributes zeros; it gets the mean gradient if any replica had one, and stays without one
    /// (as in a single replica, where the optimizer then skips it) only when no replica had one. The flags and the
    /// weighted loss ride in the last bucket, so a step costs one collective per bucket.
    /// </summary>
    /// <exception cref="CollectiveException">a peer failed or the group's timeout expired.</exception>
    public (float Loss, double Weight) Reduce(ProcessGroup group, float loss, long weight)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (weight < 1) throw new ArgumentOutOfRangeException(nameof(weight), $"GradientBuckets: expected a weight >= 1 (target tokens), got {weight}");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var n = parameters.Length;
        var grads = new Tensor[n];
        var extras = new float[n + 2];
        using var scale = weight.ToScalar();
        for (var i = 0; i < n; i++)
        {
            var g = parameters[i].grad;
            extras[i] = g is null ? 0 : 1;
            // Scaled in place: the gradient's own storage is reduced and then divided, nothing is copied back.
            grads[i] = g is null ? zeros_like(parameters[i]) : g.mul_(scale);
        }
        extras[n] = loss * weight;
        extras[n + 1] = weight;
        var tail = torch.tensor(extras);
        for (var b = 0; b < buckets.Length; b++)
        {
            var list = new List<Tensor>(buckets[b].Length + 1);
            foreach (var i in buckets[b]) list.Add(grads[i]);
            if (b == buckets.Length - 1) list.Add(tail);
            group.AllReduce(list);
        }
        if (buckets.Length == 0) group.AllReduce(tail);
        var reduced = tail.data<float>();
        double total = reduced[n + 1];
        using var divisor = total.ToScalar();
        for (var i = 0; i < n; i++)
        {
            if (extras[i] != 0)
                grads[i].div_(divisor);
            else if (reduced[i] > 0)
                parameters[i].grad = grads[i].div_(divisor);
        }
        return ((float)(reduced[n] / total), total);
    }
}
