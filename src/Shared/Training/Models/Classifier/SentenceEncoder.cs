using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>SentenceEncoder</c>: runs a padded batch [bs, sl] through an AWD-LSTM encoder in chunks of
/// <see cref="Bptt"/> tokens (hidden state reset first, carried between chunks), keeping only the outputs of
/// the last <see cref="MaxLen"/> tokens. Rows must be sorted longest first with whole-chunk padding in front
/// (what the classifier loader gives): chunk i runs on the rows that have started by then, so a row's state
/// starts from zeros at its first real chunk (a chunk no row has started runs nothing: zeros out, all masked).
/// Returns outputs [bs, kept, emb] and the pad mask [bs, kept].
/// </summary>
internal sealed class SentenceEncoder : nn.Module
{
    private readonly AwdLstm module;

    public SentenceEncoder(AwdLstm module, int bptt, int padIndex, int? maxLen = null) : base(nameof(SentenceEncoder))
    {
        ArgumentNullException.ThrowIfNull(module);
        if (bptt < 1) throw new ArgumentOutOfRangeException(nameof(bptt), $"SentenceEncoder: expected bptt >= 1, got {bptt}");
        if (maxLen is < 1) throw new ArgumentOutOfRangeException(nameof(maxLen), $"SentenceEncoder: expected max_len >= 1 or none, got {maxLen}");
        this.module = this.Register("module", module);
        Bptt = bptt;
        PadIndex = padIndex;
        MaxLen = maxLen;
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

    public AwdLstm Module => module;

    public int Bptt { get; }

    public int PadIndex { get; }

    public int? MaxLen { get; }

    public (Tensor Output, Tensor Mask) forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var (bs, sl) = (input.size(0), input.size(1));
        module.Reset();
        using var pad = PadIndex.ToScalar();
        var mask = input.eq(pad);
        var outs = new List<Tensor>();
        var masks = new List<Tensor>();
        for (long i = 0; i < sl; i += Bptt)
        {
            var len = Math.Min(Bptt, sl - i);
            var kept = MaxLen is not { } max || sl - i <= max;
            var realBs = input.select(1, i).ne(pad).to(ScalarType.Int64).sum().item<long>();
            // No row has started yet (a data-parallel replica's rows, padded to the whole batch's longest): nothing runs,
            // so each row still starts from a zero state at its first real chunk, as it does in the whole batch.
            if (realBs == 0)
            {
                if (kept)
                {
                    outs.Add(zeros([bs, len, module.Config.EmbSize], get_default_dtype(), input.device));
                    masks.Add(mask.narrow(1, i, len));
                }
                continue;
            }
            var o = module.Encode(input.narrow(0, 0, realBs).narrow(1, i, len));
            if (kept)
            {
                outs.Add(realBs == bs ? o : cat([o, zeros([bs - realBs, len, o.size(2)], o.dtype, o.device)], 0));
                masks.Add(mask.narrow(1, i, len));
            }
        }
        module.Reset();
        return (cat(outs, 1).MoveToOuterDisposeScope(), cat(masks, 1).MoveToOuterDisposeScope());
    }
}
