using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>PoolingLinearClassifier</c>: <see cref="MaskedConcatPool"/> over the encoder's outputs, then for each
/// layer fastai's <c>LinBnDrop</c> (BatchNorm1d, Dropout p, Linear without bias), ReLU between layers and none
/// after the last. <c>dims</c> = [3*emb, hidden..., classes]; one dropout per layer. With <see cref="Replicas"/> set
/// (a data-parallel replica), its BatchNorms train with the statistics of every replica's rows (<see cref="ReplicaBatchNorm"/>).
/// </summary>
internal sealed class PoolingLinearClassifier : nn.Module
{
    private readonly BatchNorm1d[] norms;
    private readonly Dropout[] drops;
    private readonly Linear[] linears;

    public PoolingLinearClassifier(IReadOnlyList<int> dims, IReadOnlyList<double> ps, int bptt) : base(nameof(PoolingLinearClassifier))
    {
        ArgumentNullException.ThrowIfNull(dims);
        ArgumentNullException.ThrowIfNull(ps);
        if (dims.Count < 2 || dims.Any(d => d < 1)) throw new ArgumentException($"PoolingLinearClassifier: expected at least 2 sizes >= 1, got [{string.Join(", ", dims)}]", nameof(dims));
        if (ps.Count != dims.Count - 1) throw new ArgumentException($"PoolingLinearClassifier: expected {dims.Count - 1} dropouts (one per layer), got {ps.Count}", nameof(ps));
        ModelChecks.Probability(nameof(PoolingLinearClassifier), ps.Select((p, i) => ($"ps[{i}]", p)).ToArray());
        if (bptt < 1) throw new ArgumentOutOfRangeException(nameof(bptt), $"PoolingLinearClassifier: expected bptt >= 1, got {bptt}");
        Bptt = bptt;
        var layers = dims.Count - 1;
        norms = new BatchNorm1d[layers];
        drops = new Dropout[layers];
        linears = new Linear[layers];
        for (var i = 0; i < layers; i++)
        {
            norms[i] = this.Register($"bn_{i}", nn.BatchNorm1d(dims[i]));
            drops[i] = this.Register($"drop_{i}", nn.Dropout(ps[i]));
            linears[i] = this.Register($"lin_{i}", nn.Linear(dims[i], dims[i + 1], hasBias: false));
        }
    }

    /// <summary>
    /// Does nothing: children are registered explicitly under PyTorch's names (<see cref="ModuleRegistration"/>).
    /// TorchSharp's default, run when this module becomes another's child, registers every Module, Parameter and
    /// Tensor field again under its C# name (<c>encoderDp.emb.weight</c> beside <c>encoder_dp.emb.weight</c>, hidden
    /// state as buffers), which breaks strict state-dict loading and PyTorch interop.
    /// </summary>
    protected override void RegisterComponents()
    {
    }

    public int Bptt { get; }

    /// <summary>The data-parallel group's sum the BatchNorms reduce their statistics with; null for one replica.</summary>
    public IReplicaSum? Replicas { get; set; }

    /// <summary>Encoder outputs [bs, sl, emb] and pad mask [bs, sl] -> logits [bs, classes].</summary>
    public Tensor forward(Tensor output, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var x = MaskedConcatPool.Apply(output, mask, Bptt);
        for (var i = 0; i < linears.Length; i++)
        {
            x = linears[i].forward(drops[i].forward(ReplicaBatchNorm.Forward(norms[i], x, Replicas)));
            if (i != linears.Length - 1) x = nn.functional.relu(x);
        }
        return x.MoveToOuterDisposeScope();
    }
}
