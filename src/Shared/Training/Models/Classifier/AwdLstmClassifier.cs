using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// fastai's <c>get_text_classifier(AWD_LSTM, ...)</c>: a <see cref="SentenceEncoder"/> over an AWD-LSTM encoder
/// and a <see cref="PoolingLinearClassifier"/> head [3*emb, lin_ftrs..., classes]. Ids [bs, sl] (padded by the
/// classifier loader) -> logits [bs, classes]. Each batch starts from a fresh hidden state (the encoder resets it),
/// so the model is not stateful across batches. Layer groups (fastai's <c>awd_lstm_clas_split</c>): the
/// embedding, each LSTM layer, the head. As a data-parallel replica its head's BatchNorms use the whole batch's
/// statistics (<see cref="IReplicaBatchNorm"/>).
/// </summary>
internal sealed class AwdLstmClassifier : LanguageModel, IReplicaBatchNorm
{
    private readonly SentenceEncoder encoder;
    private readonly PoolingLinearClassifier head;

    public AwdLstmClassifier(int vocabSize, int classes, AwdLstmConfig config, int padIndex, int bptt = 72, int? maxLen = 72 * 20,
        IReadOnlyList<int>? linFtrs = null, IReadOnlyList<double>? ps = null, double headOutputP = 0.4) : base(nameof(AwdLstmClassifier))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), $"AwdLstmClassifier: expected at least 2 classes, got {classes}");
        var lin = linFtrs ?? [50];
        var drops = ps ?? lin.Select(_ => 0.1).ToArray();
        if (drops.Count != lin.Count) throw new ArgumentException($"AwdLstmClassifier: expected {lin.Count} dropouts for lin_ftrs, got {drops.Count}", nameof(ps));
        Classes = classes;
        Config = config;
        // fastai: ps = [output_p] + ps, every p times drop_mult.
        var headPs = new[] { headOutputP }.Concat(drops).Select(p => p * config.DropMult).ToArray();
        encoder = this.Register("encoder", new SentenceEncoder(new AwdLstm(vocabSize, config), bptt, padIndex, maxLen));
        head = this.Register("head", new PoolingLinearClassifier([3 * config.EmbSize, .. lin, classes], headPs, bptt));
        // fastai's wd_bn_bias=False: no weight decay on BatchNorm weights and biases (the head's linears have no bias).
        NoWeightDecay = Enumerable.Range(0, lin.Count + 1).SelectMany(i => new[] { $"head.bn_{i}.weight", $"head.bn_{i}.bias" }).ToHashSet();
    }

    public int Classes { get; }

    public AwdLstmConfig Config { get; }

    /// <summary>The AWD-LSTM inside the sentence encoder (what pretrained encoder weights load into).</summary>
    public AwdLstm Encoder => encoder.Module;

    public override bool IsStateful => false;

    public IReplicaSum? Replicas
    {
        get => head.Replicas;
        set => head.Replicas = value;
    }

    public override IReadOnlySet<string> NoWeightDecay { get; }

    public override int GroupCount => Config.Layers + 2;

    public override int GroupOf(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        const string rnns = "encoder.module.rnns.";
        if (parameterName.StartsWith(rnns, StringComparison.Ordinal))
            return 1 + int.Parse(parameterName.AsSpan(rnns.Length, parameterName.IndexOf('.', rnns.Length) - rnns.Length), System.Globalization.CultureInfo.InvariantCulture);
        return parameterName.StartsWith("encoder.", StringComparison.Ordinal) ? 0 : Config.Layers + 1;
    }

    public override void Reset() => encoder.Module.Reset();

    public override LanguageModelOutput forward(Tensor x)
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var (output, mask) = encoder.forward(x);
        return new LanguageModelOutput(head.forward(output, mask).MoveToOuterDisposeScope());
    }
}
