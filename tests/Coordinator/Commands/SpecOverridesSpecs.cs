using Troupe.Coordinator.Commands;
using Troupe.Training.Experiments;

namespace Troupe.Coordinator.Tests.Commands;

/// <summary><c>ulmfit --set KEY=VALUE</c>'s edits: existing scalars by dotted path, nothing added, errors naming what was expected.</summary>
public sealed class SpecOverridesSpecs
{
    private const string Yaml = """
        # a comment
        name: s
        data: { kind: csv, path: texts.csv }
        model: awd_lstm
        init_from: ../runs/1/best/lm
        train: { epochs: 10, batch_size: 32, seq_len: 70 }
        params:
          emb_sz: 256
          lr: 1e-2
          drop: choice(0.1, 0.2)
        """;

    [Fact]
    public void Set_must_replace_nested_scalars_and_keep_the_rest_of_the_spec()
    {
        var spec = new SpecOverrides(Yaml);

        spec.Set("params.emb_sz", "8");
        spec.Set("train.batch_size", "4");
        spec.Set("data.path", "/data/my texts.csv");
        spec.Set("name", "t");
        var parsed = new ExperimentSpecReader(SweepValidation.ModelNames).Parse(spec.ToYaml());

        parsed.Name.Should().Be("t");
        parsed.Train.BatchSize.Should().Be(4);
        parsed.Train.Epochs.Should().Be(10);
        parsed.Data.Path.Should().Be("/data/my texts.csv");
        parsed.InitFrom.Should().Be("../runs/1/best/lm");
        parsed.Params.Parameters.Select(p => p.Key).Should().Equal("emb_sz", "lr", "drop");
        spec.ToYaml().Should().Contain("emb_sz: 8").And.Contain("lr: 1e-2").And.NotContain("...").And.EndWith("\n");
    }

    [Fact]
    public void Remove_must_drop_a_key_and_Has_must_tell_scalars_apart()
    {
        var spec = new SpecOverrides(Yaml);

        spec.Remove("init_from");

        spec.Has("init_from").Should().BeFalse();
        spec.Has("train.epochs").Should().BeTrue();
        spec.Has("train").Should().BeFalse("it holds a mapping");
        spec.Has("train.epoch").Should().BeFalse();
        spec.Has("model.size").Should().BeFalse();
        new ExperimentSpecReader(SweepValidation.ModelNames).Parse(spec.ToYaml()).InitFrom.Should().BeNull();
    }

    [Theory]
    [InlineData("train.epoch", "--set train.epoch: expected a key of train (epochs, batch_size, seq_len), got 'epoch'")]
    [InlineData("param.lr", "--set param.lr: expected a key of the spec (name, data, model, init_from, train, params), got 'param'")]
    [InlineData("params", "--set params: expected a key that holds a scalar, got a mapping (emb_sz, lr, drop)")]
    [InlineData("model.size", "--set model.size: expected model to hold keys, got the scalar 'awd_lstm'")]
    [InlineData("train..epochs", "--set train..epochs: expected a dotted path of keys (e.g. train.epochs), got an empty key")]
    public void Set_must_refuse_a_path_that_is_not_a_scalar_of_the_spec_and_change_nothing(string path, string message)
    {
        var spec = new SpecOverrides(Yaml);
        var before = spec.ToYaml();

        var act = () => spec.Set(path, "1");

        act.Should().Throw<ArgumentException>().Which.Message.Should().StartWith(message);
        spec.ToYaml().Should().Be(before);
    }

    [Theory]
    [InlineData("params.emb_sz=8", "params.emb_sz", "8")]
    [InlineData("data.path=/a=b", "data.path", "/a=b")]
    [InlineData("finetune:params.lr=1e-3", "finetune:params.lr", "1e-3")]
    [InlineData("name=", "name", "")]
    public void ParseAssignment_must_split_at_the_first_equals_sign(string text, string path, string value) =>
        SpecOverrides.ParseAssignment(text).Should().Be((path, value));

    [Theory]
    [InlineData("params.emb_sz")]
    [InlineData("=8")]
    public void ParseAssignment_must_refuse_text_without_a_key_and_a_value(string text) =>
        FluentActions.Invoking(() => SpecOverrides.ParseAssignment(text)).Should().Throw<ArgumentException>()
            .Which.Message.Should().StartWith($"--set: expected KEY=VALUE (e.g. params.emb_sz=8), got '{text}'");

    [Fact]
    public void SpecOverrides_must_refuse_yaml_that_is_not_one_mapping() =>
        FluentActions.Invoking(() => new SpecOverrides("- a\n- b\n")).Should().Throw<ArgumentException>()
            .Which.Message.Should().StartWith("expected one YAML document holding a mapping");
}
