using TorchSharp;
using Troupe.Training.Models;

namespace Troupe.Training.Tests.Models;

public sealed class AwdLstmSpecs
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Every_parameter_must_get_a_gradient_in_training(double weightP)
    {
        torch.manual_seed(0);
        using var model = new AwdLstm(12, new AwdLstmConfig(EmbSize: 8, HiddenSize: 10, Layers: 2, PadToken: null, WeightP: weightP));
        using var scope = torch.NewDisposeScope();
        var x = torch.randint(12, [3, 5]);

        model.forward(x).Output.sum().backward();

        foreach (var (name, p) in model.named_parameters())
        {
            p.grad.Should().NotBeNull($"{name} must get a gradient");
            p.grad!.abs().sum().item<float>().Should().BeGreaterThan(0, $"{name}'s gradient must not be all zeros");
        }
    }
}
