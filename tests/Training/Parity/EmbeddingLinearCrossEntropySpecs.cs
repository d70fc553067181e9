using TorchSharp;
using Troupe.Training.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Parity;

/// <summary>
/// Embedding -> Linear -> mean cross-entropy (the book's models' first and last layers and their loss) against
/// PyTorch 1.13.1. Largest difference seen (2026-12-04, printed by the spec): 1.2e-7 (logits).
/// </summary>
public sealed class EmbeddingLinearCrossEntropySpecs(ITestOutputHelper output)
{
    [Fact]
    public void Embedding_linear_cross_entropy_must_match_pytorch_loss_logits_and_gradients()
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load("embedding_linear_cross_entropy");
        var worst = new WorstDifference(output, "embedding_linear_cross_entropy");
        using var emb = nn.Embedding(30, 12);
        using var lin = nn.Linear(12, 30);
        emb.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = f.Tensor("emb.weight") });
        lin.load_state_dict(new Dictionary<string, Tensor> { ["weight"] = f.Tensor("lin.weight"), ["bias"] = f.Tensor("lin.bias") });

        var logits = lin.forward(emb.forward(f.Tensor("x")));
        var loss = nn.functional.cross_entropy(logits.view(-1, 30), f.Tensor("y").view(-1));
        loss.backward();

        worst.Close(logits, f.Tensor("logits"), 1e-5, "logits");
        var lossDiff = Math.Abs(loss.item<float>() - f.Number("loss"));
        lossDiff.Should().BeLessThanOrEqualTo(1e-5, "loss");
        worst.Add("loss", lossDiff);
        worst.Close(emb.weight!.grad!, f.Tensor("grad.emb.weight"), 1e-5, "grad.emb.weight");
        worst.Close(lin.weight!.grad!, f.Tensor("grad.lin.weight"), 1e-5, "grad.lin.weight");
        worst.Close(lin.bias!.grad!, f.Tensor("grad.lin.bias"), 1e-5, "grad.lin.bias");
        worst.Report();
    }
}
