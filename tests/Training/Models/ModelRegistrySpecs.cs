using TorchSharp;
using Troupe.Training.Experiments;
using Troupe.Training.Models;
using Troupe.Training.Tests.Support;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Models;

public sealed class ModelRegistrySpecs
{
    private static readonly Vocab Numbers = HumanNumbers.Load().Vocab;

    [Theory]
    [InlineData("lmmodel1", typeof(LMModel1))]
    [InlineData("LMModel5", typeof(LMModel5))]
    [InlineData("lmmodel7", typeof(LMModel7))]
    public void Registry_must_build_models_by_name_ignoring_case(string name, Type expected)
    {
        torch.manual_seed(0);
        using var model = ModelRegistry.Create(name, Numbers);

        model.Should().BeOfType(expected);
    }

    [Fact]
    public void Registry_must_size_awd_lstm_from_its_hyperparameters()
    {
        torch.manual_seed(0);
        using var model = (AwdLstm)ModelRegistry.Create("awd_lstm", Numbers, new Dictionary<string, double> { ["emb_sz"] = 16, ["n_hid"] = 24, ["n_layers"] = 2 });

        model.Config.EmbSize.Should().Be(16);
        model.Config.HiddenSize.Should().Be(24);
        model.Config.PadToken.Should().BeNull("Human Numbers has no xxpad");
    }

    [Fact]
    public void Registry_must_name_the_known_models_for_an_unknown_one()
    {
        var act = () => ModelRegistry.Create("lmmodel9", Numbers);

        act.Should().Throw<ArgumentException>().WithMessage("model registry: expected one of lmmodel1*awd_lstm, awd_lstm_clas, got 'lmmodel9'");
    }

    [Fact]
    public void Registry_must_build_the_classifier_from_labeled_loaders_and_refuse_a_vocab_alone()
    {
        using var folder = new TempFolder();
        var dls = TrainingData.Load(new DataSpec(DataKind.Csv, TinyCorpus.WriteCsv(folder.File("texts.csv"))), DataLayout.Labeled, 4, 8);
        var tiny = new Dictionary<string, double> { ["emb_sz"] = 8, ["n_hid"] = 16, ["n_layers"] = 1, ["drop_mult"] = 0.5 };
        torch.manual_seed(0);

        using var model = (AwdLstmClassifier)ModelRegistry.Create("awd_lstm_clas", dls, tiny);
        var act = () => ModelRegistry.Create("awd_lstm_clas", dls.Vocab, tiny);

        model.Classes.Should().Be(2);
        model.Config.DropMult.Should().Be(0.5);
        model.Config.HiddenP.Should().Be(0.3, "fastai's awd_lstm_clas_config");
        model.Config.PadToken.Should().Be(dls.Vocab.IndexOf(SpecialTokens.Pad));
        act.Should().Throw<ArgumentException>().WithMessage("model 'awd_lstm_clas': expected labeled loaders (data kind csv) to build a classifier, got a vocab alone");
    }

    [Theory]
    [InlineData("lmmodel4")]
    [InlineData("lmmodel7")]
    [InlineData("awd_lstm")]
    public void Models_must_keep_their_pytorch_state_dict_names_when_they_become_a_child(string name)
    {
        // TorchSharp registers a child's fields again under their C# names when it becomes a child (encoderDp beside
        // encoder_dp): the names, as PyTorch would see them, must not change with nesting.
        torch.manual_seed(0);
        var hyper = name == "awd_lstm" ? new Dictionary<string, double> { ["emb_sz"] = 8, ["n_hid"] = 12, ["n_layers"] = 2 } : null;
        using var alone = ModelRegistry.Create(name, Numbers, hyper);
        var expected = alone.state_dict().Keys.Select(k => "inner." + k).ToArray();
        using var model = ModelRegistry.Create(name, Numbers, hyper);
        model.forward(torch.zeros([2, 3], torch.ScalarType.Int64)).Output.Dispose(); // hidden state held in fields too
        using var parent = new Parent();
        parent.register_module("inner", model);

        parent.state_dict().Keys.Should().BeEquivalentTo(expected);
    }

    private sealed class Parent() : torch.nn.Module("Parent");

    // The declarations are what validation and the trial recipe trust instead of model names: each must be what the
    // built model is (tiny sizes; every model in the registry, so a new one is checked too).
    [Fact]
    public void Registry_must_declare_the_capabilities_its_models_have()
    {
        using var folder = new TempFolder();
        var labeled = TrainingData.Load(new DataSpec(DataKind.Csv, TinyCorpus.WriteCsv(folder.File("texts.csv"))), DataLayout.Labeled, 4, 8);
        var awd = new Dictionary<string, double> { ["emb_sz"] = 8, ["n_hid"] = 12, ["n_layers"] = 2 };

        foreach (var def in ModelRegistry.Definitions)
        {
            var can = def.Capabilities;
            torch.manual_seed(0);
            using var model = def.LabeledFactory is null
                ? ModelRegistry.Create(def.Name, Numbers, def.Defaults.ContainsKey("emb_sz") ? awd : null)
                : ModelRegistry.Create(def.Name, labeled, awd);
            var awdWeights = model is AwdLstm or AwdLstmClassifier;

            (can.Kind == ModelKind.Classifier).Should().Be(def.Layout == DataLayout.Labeled, def.Name).And.Be(def.LabeledFactory is not null, def.Name);
            can.LayerGroups.Should().Be(model.GroupCount > 1, $"{def.Name} has {model.GroupCount} layer groups");
            can.InitFrom.Should().Be(awdWeights, $"{def.Name} is {model.GetType().Name}: only AWD-LSTM weights load an artifact");
            can.Exports.Should().Be(!awdWeights ? ModelArtifacts.None
                : can.Kind == ModelKind.Classifier ? ModelArtifacts.Encoder : ModelArtifacts.Encoder | ModelArtifacts.LanguageModel, def.Name);
        }
    }

    [Theory]
    [InlineData("n_hiden", 64.0, "*expected hyperparameters among n_hidden, n_layers, p, got 'n_hiden'*")]
    [InlineData("n_hidden", 6.5, "*expected a whole number for n_hidden, got 6.5*")]
    public void Registry_must_refuse_bad_hyperparameters(string name, double value, string message)
    {
        var act = () => ModelRegistry.Create("lmmodel7", Numbers, new Dictionary<string, double> { [name] = value });

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Trial_recipe_must_split_learner_and_model_parameters_with_the_books_defaults()
    {
        var recipe = TrialRecipe.Resolve("lmmodel7", new Dictionary<string, double> { ["lr"] = 3e-3, ["n_hidden"] = 128 });

        recipe.Lr.Should().Be(3e-3);
        recipe.Wd.Should().Be(0.1);
        (recipe.Alpha, recipe.Beta).Should().Be((2, 1));
        recipe.ModelParams["n_hidden"].Should().Be(128);
        recipe.ModelParams["p"].Should().Be(0.4);
    }
}
