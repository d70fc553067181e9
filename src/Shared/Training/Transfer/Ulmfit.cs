using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Learning;
using Troupe.Training.Models;
using Troupe.Training.Text;
using Troupe.Training.Serialization;

namespace Troupe.Training.Transfer;

/// <summary>
/// The ULMFiT chain (fastai lesson 8 / <c>../shared/seeds/002_*</c>) on corpora we have: (1) pretrain an AWD-LSTM
/// language model on WikiText-2 and save it; (2) fine-tune it on the IMDB texts (vocab merged with
/// <see cref="PretrainedWeights.LoadInto(AwdLstm, Vocab)"/>), frozen for one epoch then unfrozen, and save the encoder; (3) train
/// a classifier on that encoder with gradual unfreezing and discriminative learning rates. Each stage can start
/// without the previous one's artifact (for the no-pretraining comparison).
/// </summary>
public static class Ulmfit
{
    public const string LanguageModelFile = "lm.weights";
    public const string EncoderFile = "encoder.weights";

    public static StageResult Pretrain(string wikitextFolder, string outDir, UlmfitOptions? options = null, IProgressSink? progress = null)
    {
        var o = options ?? new UlmfitOptions();
        var dls = TrainingData.Load(new DataSpec(DataKind.WikiText2, wikitextFolder), DataLayout.Sequence, o.BatchSize, o.Bptt, o.Seed);
        torch.manual_seed((long)o.Seed);
        using var model = new AwdLstm(dls.Vocab.Count, o.Config(PadOf(dls.Vocab), 1.0));
        using var learn = TextLearner.Create(dls, model, cbs: Sinks(progress));
        var rows = learn.FitOneCycle(o.PretrainEpochs, o.PretrainLr, wd: 0.1).ToList();
        var path = Path.Combine(outDir, LanguageModelFile);
        PretrainedWeights.FromLanguageModel(model, dls.Vocab).Save(path);
        return new StageResult("pretrain", rows, path, dls.Vocab.Count);
    }

    public static StageResult FineTune(string csvPath, string? pretrainedLm, string outDir, UlmfitOptions? options = null, IProgressSink? progress = null)
    {
        var o = options ?? new UlmfitOptions();
        var texts = LabeledTexts.FromCsv(csvPath);
        var train = texts.TrainIndices.Select(i => texts.Texts[i]).ToArray();
        var valid = texts.ValidIndices.Select(i => texts.Texts[i]).ToArray();
        var lmOptions = new LMDataOptions(o.BatchSize, o.Bptt, o.MinFreq, Seed: o.Seed);
        var dls = LanguageModelData.FromTexts(train, valid, Tokenizer.Default, lmOptions);
        torch.manual_seed((long)o.Seed);
        using var model = new AwdLstm(dls.Vocab.Count, o.Config(PadOf(dls.Vocab), o.LmDropMult));
        if (pretrainedLm is not null) PretrainedWeights.Load(pretrainedLm).LoadInto(model, dls.Vocab);
        using var learn = TextLearner.Create(dls, model, cbs: Sinks(progress));
        // fastai's fine-tuning for LMs: the new embeddings (last group) first, then everything.
        var rows = RunPhases(learn, GradualUnfreezing.LanguageModel(1 + o.FineTuneEpochs, 2e-2, wd: 0.1));
        var path = Path.Combine(outDir, EncoderFile);
        PretrainedWeights.FromEncoder(model, dls.Vocab).Save(path);
        return new StageResult("fine-tune", rows, path, dls.Vocab.Count);
    }

    public static StageResult Classify(string csvPath, string? encoderPath, string outDir, UlmfitOptions? options = null, IProgressSink? progress = null)
    {
        var o = options ?? new UlmfitOptions();
        var texts = LabeledTexts.FromCsv(csvPath);
        var encoder = encoderPath is null ? null : PretrainedWeights.Load(encoderPath);
        var dls = ClassifierData.FromLabeledTexts(texts, o.BatchSize, o.Bptt, o.Seed, encoder is null ? null : Vocab.FromItos(encoder.Vocab), o.MinFreq);
        var vocab = dls.Vocab;
        var pad = vocab.IndexOf(SpecialTokens.Pad);
        torch.manual_seed((long)o.Seed);
        using var model = new AwdLstmClassifier(vocab.Count, texts.Classes.Count, o.Config(pad, o.ClassifierDropMult), pad, o.Bptt);
        encoder?.LoadInto(model.Encoder, vocab);
        var learnOptions = new LearnerOptions { Metrics = () => [new AccuracyMetric()] };
        using var learn = new Learner(dls, model, learnOptions, Sinks(progress));
        // fastai's IMDB recipe: gradual unfreezing with slice(lr/2.6**4, lr).
        var rows = RunPhases(learn, GradualUnfreezing.Classifier(3 + o.ClassifierEpochs, 2e-2, wd: null));
        var path = Path.Combine(outDir, "classifier.pth");
        Directory.CreateDirectory(outDir);
        StateDicts.Save(model.state_dict(), path);
        return new StageResult("classify", rows, path, vocab.Count);
    }

    private static List<EpochRecord> RunPhases(Learner learn, IReadOnlyList<FitPhase> phases)
    {
        var rows = new List<EpochRecord>();
        using var fit = PhasedFit.Begin(learn, phases);
        while (!fit.IsFinished)
            if (fit.Step() is { Kind: StepKind.EpochEnd, Record: { } row }) rows.Add(row);
        return rows;
    }

    private static int? PadOf(Vocab vocab) => vocab.Contains(SpecialTokens.Pad) ? vocab.IndexOf(SpecialTokens.Pad) : null;

    private static Callback[] Sinks(IProgressSink? progress) => progress is null ? [] : [new ProgressCallback(progress)];
}
