using Troupe.Training.Tests.Support;
using TorchSharp;
using Troupe.Training.Models;

namespace Troupe.Training.Tests.Models;

public sealed class AwdLstmEquivalenceSpecs
{
    // Without dropout, a 2-layer AWD-LSTM with emb = hidden is LMModel7 with p = 0: same weights, same outputs,
    // call after call (the kept hidden state included).
    [Fact]
    public void AwdLstm_without_dropout_must_compute_what_LMModel7_computes()
    {
        torch.manual_seed(3);
        using var lm7 = new LMModel7(30, 16, 2, 0);
        using var awd = new AwdLstm(30, new AwdLstmConfig(16, 16, 2, null, 0, 0, 0, 0, 0));
        using (var scope = torch.NewDisposeScope())
        {
            var src = lm7.state_dict();
            var map = new Dictionary<string, string>
            {
                ["encoder.weight"] = "i_h.weight", ["decoder.bias"] = "h_o.bias",
                // PyTorch's state dict lists a shared weight under every name it has (tied decoder, EmbeddingDropout's emb).
                ["decoder.weight"] = "i_h.weight", ["encoder_dp.emb.weight"] = "i_h.weight",
            };
            // fastai's WeightDropout names: the raw hidden-to-hidden weight beside the wrapped module's other weights.
            foreach (var l in new[] { 0, 1 })
            {
                map[$"rnns.{l}.weight_hh_l0_raw"] = $"rnn.weight_hh_l{l}";
                foreach (var w in new[] { "weight_ih", "bias_ih", "bias_hh" })
                    map[$"rnns.{l}.module.{w}_l0"] = $"rnn.{w}_l{l}";
            }
            var state = awd.state_dict().ToDictionary(kv => kv.Key, kv => src[map[kv.Key]]);
            awd.load_state_dict(state);
        }
        lm7.train();
        awd.train();
        for (var call = 0; call < 3; call++)
        {
            using var scope = torch.NewDisposeScope();
            var x = torch.randint(30, [4, 5]);
            var a = lm7.forward(x);
            var b = awd.forward(x);
            b.Output.ToFloats().Zip(a.Output.ToFloats()).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-5, $"call {call} logits");
            b.Raw!.ToFloats().Zip(a.Raw!.ToFloats()).Should().OnlyContain(p => Math.Abs(p.First - p.Second) < 1e-5, $"call {call} raw");
        }
    }
}
