using Troupe.Training.Tests.Support;
using TorchSharp;
using Troupe.Training.Models;
using Troupe.Training.Text;

namespace Troupe.Training.Tests.Models;

public sealed class ClassifierSpecs
{
    [Fact]
    public void Masked_concat_pool_must_ignore_padding()
    {
        using var scope = torch.NewDisposeScope();
        // Row 0: one pad in front, row 1: none. Emb 2.
        var output = torch.tensor(new float[] { 100, -100, 1, 2, 3, 4, /* row 1 */ 5, 6, 7, 8, 9, 10 }, [2, 3, 2]);
        var mask = torch.tensor(new[] { 1L, 0, 0, 0, 0, 0 }, [2, 3]).eq(1);

        var pooled = MaskedConcatPool.Apply(output, mask, bptt: 2).ToFloats();

        // [last, max, mean] per row.
        pooled[..6].Should().Equal(3, 4, 3, 4, 2, 3);
        pooled[6..].Should().Equal(9, 10, 9, 10, 7, 8);
    }

    [Fact]
    public void Masked_concat_pool_must_find_the_last_real_token_before_trailing_pads()
    {
        using var scope = torch.NewDisposeScope();
        var output = torch.tensor(new float[] { 1, 2, 3, 4 }, [1, 4, 1]);
        var mask = torch.tensor(new[] { 0L, 0, 0, 1 }, [1, 4]).eq(1);

        var pooled = MaskedConcatPool.Apply(output, mask, bptt: 2).ToFloats();

        pooled.Should().Equal(3, 3, 2);
    }

    [Fact]
    public void Sentence_encoder_must_equal_running_the_whole_document_when_it_fits_in_one_chunk()
    {
        torch.manual_seed(0);
        using var awd = new AwdLstm(20, new AwdLstmConfig(8, 12, 2, PadToken: 1));
        using var encoder = new SentenceEncoder(awd, bptt: 16, padIndex: 1);
        awd.eval();
        encoder.eval();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new long[] { 5, 6, 7, 8, 9, 10, 11 }, [1, 7]);

        var (chunked, mask) = encoder.forward(x);
        awd.Reset();
        var whole = awd.Encode(x);

        chunked.ToFloats().Should().Equal(whole.ToFloats());
        mask.to(torch.ScalarType.Int64).sum().item<long>().Should().Be(0);
    }

    [Fact]
    public void Sentence_encoder_must_start_a_row_at_its_first_real_chunk()
    {
        torch.manual_seed(0);
        using var awd = new AwdLstm(20, new AwdLstmConfig(8, 12, 2, PadToken: 1));
        using var encoder = new SentenceEncoder(awd, bptt: 3, padIndex: 1);
        awd.eval();
        using var scope = torch.NewDisposeScope();
        // Row 1 is one chunk shorter: a whole chunk of pads in front.
        var batch = torch.tensor(new long[] { 2, 3, 4, 5, 6, 7, /* row 1 */ 1, 1, 1, 5, 6, 7 }, [2, 6]);

        var (output, _) = encoder.forward(batch);
        awd.Reset();
        var alone = awd.Encode(torch.tensor(new long[] { 5, 6, 7 }, [1, 3]));

        // Equal up to rounding: libtorch 2.10's GEMMs (MKL) round a 2-row batch differently from a 1-row one (the old
        // binding's OpenBLAS did not). Largest difference seen: 9.0e-10 (3 of 24 elements differ).
        TensorAssert.Close(output.select(0, 1).narrow(0, 3, 3), alone.select(0, 0), 1e-6, "row 1's real chunk against the row alone");
        output.select(0, 1).narrow(0, 0, 3).abs().sum().item<float>().Should().Be(0);
    }

    // A data-parallel replica's rows are padded to the whole batch's longest: the chunks before its longest row starts
    // hold no row at all, and its rows must still start from a zero state where they start in the whole batch.
    [Fact]
    public void Sentence_encoder_must_give_a_replicas_rows_their_outputs_in_the_whole_batch()
    {
        torch.manual_seed(0);
        using var awd = new AwdLstm(20, new AwdLstmConfig(8, 12, 2, PadToken: 1));
        using var encoder = new SentenceEncoder(awd, bptt: 3, padIndex: 1);
        awd.eval();
        using var scope = torch.NewDisposeScope();
        long[] rows = [2, 3, 4, 5, 6, 7, 8, /* row 1 */ 1, 1, 1, 5, 6, 7, 8, /* row 2 */ 1, 1, 1, 9, 10, 1, 1];
        var batch = torch.tensor(rows, [3, 7]);

        var (whole, _) = encoder.forward(batch);
        var (replica, mask) = encoder.forward(batch.narrow(0, 1, 2));

        TensorAssert.Close(replica, whole.narrow(0, 1, 2), 1e-6, "rows 1 and 2 alone against the whole batch");
        replica.narrow(1, 0, 3).abs().sum().item<float>().Should().Be(0, "the first chunk holds pads only");
        mask.narrow(1, 0, 3).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Classifier_loader_must_pad_whole_chunks_in_front_and_the_rest_behind()
    {
        var dl = new ClassifierDataLoader([[2, 3, 4, 5, 6, 7, 8], [9, 10]], [0, 1], batchSize: 2, seqLen: 3, padIndex: 1, shuffle: false);

        var batch = dl.Batches().Single();

        batch.XShape.Should().Equal(2, 7);
        batch.X[7..].Should().Equal(1, 1, 1, 9, 10, 1, 1);
        batch.Y.Should().Equal(0, 1);
    }

    [Fact]
    public void Classifier_groups_must_follow_fastais_split()
    {
        torch.manual_seed(0);
        using var model = new AwdLstmClassifier(20, 2, new AwdLstmConfig(8, 12, 3, PadToken: 1), padIndex: 1);

        model.GroupCount.Should().Be(5);
        model.GroupOf("encoder.module.encoder.weight").Should().Be(0);
        model.GroupOf("encoder.module.rnns.2.module.weight_hh_l0").Should().Be(3);
        model.GroupOf("head.lin_1.weight").Should().Be(4);
    }

    [Fact]
    public void Classifier_must_exempt_exactly_its_batchnorm_parameters_from_weight_decay()
    {
        torch.manual_seed(0);
        using var model = new AwdLstmClassifier(20, 2, new AwdLstmConfig(8, 12, 3, PadToken: 1), padIndex: 1);

        var names = model.named_parameters().Select(p => p.name).ToArray();

        // fastai's wd_bn_bias=False: both head BatchNorms' weight and bias; every other parameter decays.
        model.NoWeightDecay.Should().BeEquivalentTo("head.bn_0.weight", "head.bn_0.bias", "head.bn_1.weight", "head.bn_1.bias");
        names.Should().Contain(model.NoWeightDecay);
    }
}
