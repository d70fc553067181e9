using TorchSharp;
using Troupe.Torch.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Parity;

public class EmbeddingLinearCrossEntropySpecs
{
    [Fact]
    public void Embedding_linear_cross_entropy_must_match_pytorch_loss_logits_and_gradients()
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load("embedding_linear_cross_entropy");
        using var emb = nn.Embedding(30, 12);
        using var lin = nn.Linear(12, 30);
        emb.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = f.Tensor("emb.weight") });
        lin.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = f.Tensor("lin.weight"), ["bias"] = f.Tensor("lin.bias") });

        var logits = lin.Forward(emb.Forward(f.Tensor("x")));
        var loss = nn.functional.cross_entropy(logits.view(-1, 30), f.Tensor("y").view(-1));
        loss.backward();

        TensorAssert.Close(logits, f.Tensor("logits"), 1e-5, "logits");
        loss.item<float>().Should().BeApproximately((float)f.Number("loss"), 1e-5f);
        TensorAssert.Close(emb.Weight.grad!, f.Tensor("grad.emb.weight"), 1e-6, "grad.emb.weight");
        TensorAssert.Close(lin.Weight.grad!, f.Tensor("grad.lin.weight"), 1e-6, "grad.lin.weight");
        TensorAssert.Close(lin.Bias!.grad!, f.Tensor("grad.lin.bias"), 1e-6, "grad.lin.bias");
    }
}
