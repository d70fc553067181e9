using TorchSharp;
using TorchSharp.Modules;
using Troupe.Torch.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Torch.Tests.Parity;

/// <summary>
/// nn.RNN (tanh, relu), nn.LSTM and nn.GRU against PyTorch 1.13.1: parameters loaded by PyTorch's
/// names, forward outputs and final states, and the gradients of
/// loss = sum(y*grad_y) + sum(hn*grad_hn) (+ sum(cn*grad_cn)) for input, states and every parameter.
/// </summary>
public class RecurrentParitySpecs
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("lstm")]
    [InlineData("gru")]
    [InlineData("rnn_tanh")]
    [InlineData("rnn_relu")]
    public void Recurrent_module_must_match_pytorch_forward_and_gradients(string name)
    {
        using var scope = NewDisposeScope();
        var f = Fixture.Load(name);
        var (inputSize, hiddenSize, layers) = ((long)f.Number("input_size"), (long)f.Number("hidden_size"), (long)f.Number("num_layers"));
        var batchFirst = f.Flag("batch_first");
        using RNNBase module = name switch
        {
            "lstm" => nn.LSTM(inputSize, hiddenSize, layers, batchFirst: batchFirst),
            "gru" => nn.GRU(inputSize, hiddenSize, layers, batchFirst: batchFirst),
            "rnn_tanh" => nn.RNN(inputSize, hiddenSize, layers, batchFirst: batchFirst),
            _ => nn.RNN(inputSize, hiddenSize, layers, RNNNonlinearity.ReLU, batchFirst: batchFirst),
        };
        module.LoadStateDict(module.NamedParameters().ToDictionary(p => p.name, p => f.Tensor("param." + p.name)));

        var x = f.Tensor("x", requiresGrad: true);
        var h0 = f.Tensor("h0", requiresGrad: true);
        Tensor y, hn, loss;
        Tensor? c0 = null, cn = null;
        if (module is LSTM lstm)
        {
            c0 = f.Tensor("c0", requiresGrad: true);
            (y, (hn, cn)) = lstm.Forward(x, (h0, c0));
            loss = (y * f.Tensor("grad_y")).sum() + (hn * f.Tensor("grad_hn")).sum() + (cn * f.Tensor("grad_cn")).sum();
        }
        else
        {
            (y, hn) = module is GRU gru ? gru.Forward(x, h0) : ((RNN)module).Forward(x, h0);
            loss = (y * f.Tensor("grad_y")).sum() + (hn * f.Tensor("grad_hn")).sum();
        }
        loss.backward();

        TensorAssert.Close(y, f.Tensor("y"), Tolerance, "y");
        TensorAssert.Close(hn, f.Tensor("hn"), Tolerance, "hn");
        TensorAssert.Close(x.grad!, f.Tensor("grad_x"), Tolerance, "grad_x");
        TensorAssert.Close(h0.grad!, f.Tensor("grad_h0"), Tolerance, "grad_h0");
        if (c0 is not null)
        {
            TensorAssert.Close(cn!, f.Tensor("cn"), Tolerance, "cn");
            TensorAssert.Close(c0.grad!, f.Tensor("grad_c0"), Tolerance, "grad_c0");
        }
        var names = module.NamedParameters().Select(p => p.name).ToList();
        names.Should().HaveCount((int)(4 * layers));
        foreach (var (pname, p) in module.NamedParameters())
            TensorAssert.Close(p.grad!, f.Tensor("grad." + pname), Tolerance, "grad." + pname);
    }

    [Fact]
    public void Functional_lstm_must_equal_the_module_with_the_same_weights()
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(4, 6, numLayers: 2, batchFirst: true);
        var x = randn([3, 5, 4]);
        var (y1, (h1, c1)) = lstm.Forward(x);
        var (y2, (h2, c2)) = nn.functional.lstm(x, null, lstm.FlatWeights, hasBiases: true, numLayers: 2, batchFirst: true);
        TensorAssert.Equal(y2, y1, "output");
        TensorAssert.Equal(h2, h1, "h");
        TensorAssert.Equal(c2, c1, "c");
    }

    [Fact]
    public void Lstm_must_accept_explicit_dropped_weights_and_route_gradients_through_them()
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(4, 6);
        var weights = lstm.FlatWeights.Cast<Tensor>().ToList();
        // Weight dropout on weight_hh_l0 (AWD-LSTM): the kernel sees the dropped copy, the raw weight gets the gradient.
        var mask = ones([24, 6]);
        mask.narrow(1, 0, 3).fill_(0);
        weights[1] = lstm.FlatWeights[1] * mask;
        var (y, _) = lstm.Forward(randn([5, 2, 4]), null, weights);
        y.sum().backward();
        var grad = lstm.FlatWeights[1].grad!;
        grad.narrow(1, 0, 3).abs().sum().item<float>().Should().Be(0);
        grad.narrow(1, 3, 3).abs().sum().item<float>().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Lstm_must_take_an_unbatched_sequence()
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(4, 6, numLayers: 2);
        var x = randn([5, 4]);
        var (y, (h, c)) = lstm.Forward(x);
        y.shape.Should().Equal(5, 6);
        h.shape.Should().Equal(2, 6);
        var (yb, _) = lstm.Forward(x.unsqueeze(1));
        TensorAssert.Close(y, yb.squeeze(1), 1e-6, "unbatched output");
    }

    [Fact]
    public void Recurrent_modules_must_use_pytorch_parameter_names_and_shapes()
    {
        using var gru = nn.GRU(8, 16, numLayers: 2, bidirectional: true);
        gru.NamedParameters().Select(p => p.name).Should().Equal(
            "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
            "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
            "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse");
        gru.NamedParameters().First(p => p.name == "weight_ih_l1").parameter.shape.Should().Equal(48, 32);
    }
}
