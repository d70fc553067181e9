using TorchSharp;
using Troupe.Training.Serialization;
using Troupe.Training.Tests.Support;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Serialization;

/// <summary>
/// StateDicts (PyTorch's torch.save format through TorchSharp.PyBridge): exact round trips, archives written by
/// PyTorch 1.13.1 (Data/make_pytorch_state_dict.py), and clear refusals of what is not a state dict.
/// </summary>
public sealed class StateDictsSpecs : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Media => new() { "file", "bytes", "stream" };

    [Theory]
    [MemberData(nameof(Media))]
    public void Save_and_load_must_round_trip_float32_int64_and_bool_exactly(string medium)
    {
        float[] floats = [0f, -0f, 1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234), 1e-38f, 3.14159274f];
        long[] longs = [long.MinValue, long.MaxValue, 0, -1, 1L << 40];
        bool[] bools = [true, false, false, true, true, false];
        using var scope = NewDisposeScope();
        var saved = new List<KeyValuePair<string, Tensor>>
        {
            new("encoder.layers.0.weight", tensor(floats, [3, 4])),
            new("step", tensor(longs)),
            new("mask", tensor(bools, [2, 3])),
            new("epoch", tensor(12L)),
            new("empty", zeros([0, 5])),
        };

        var loaded = RoundTrip(medium, saved);

        loaded.Keys.Should().BeEquivalentTo(saved.Select(kv => kv.Key));
        var weight = loaded["encoder.layers.0.weight"];
        weight.shape.Should().Equal(3, 4);
        weight.dtype.Should().Be(ScalarType.Float32);
        weight.ToFloats().Select(BitConverter.SingleToInt32Bits).Should().Equal(floats.Select(BitConverter.SingleToInt32Bits));
        loaded["step"].ToLongs().Should().Equal(longs);
        loaded["mask"].shape.Should().Equal(2, 3);
        loaded["mask"].dtype.Should().Be(ScalarType.Bool);
        loaded["mask"].ToLongs().Select(v => v != 0).Should().Equal(bools);
        loaded["epoch"].shape.Should().BeEmpty();
        loaded["epoch"].item<long>().Should().Be(12);
        loaded["empty"].shape.Should().Equal(0, 5);
    }

    [Theory]
    [InlineData("pytorch_state_dict.pt")]
    [InlineData("pytorch_ordered_dict.pt")]
    public void Load_must_read_a_state_dict_saved_by_PyTorch(string file)
    {
        using var scope = NewDisposeScope();

        var loaded = StateDicts.Load(DataFile(file));

        loaded.Keys.Should().BeEquivalentTo("encoder.weight", "encoder.bias", "steps", "mask", "epoch");
        var expectedWeight = Enumerable.Range(0, 12).Select(i => i / 8f - 0.5f).ToArray();
        loaded["encoder.weight"].ToFloats().Should().Equal(expectedWeight);
        loaded["encoder.bias"].ToFloats().Should().Equal(1.5f, -2.25f, 3.0e-8f);
        loaded["steps"].ToLongs().Should().Equal(0, -1, 1L << 40, -(1L << 62));
        loaded["mask"].ToLongs().Should().Equal(1, 0, 0, 1);
        loaded["epoch"].item<long>().Should().Be(7);
    }

    [Fact(Skip = "TorchSharp.PyBridge 1.4.4 cannot unpickle a non-contiguous view (\"Bytes() called on non-contiguous tensor\"); "
        + "module state dicts hold contiguous parameters, so Troupe does not meet it yet")]
    public void Load_must_read_a_non_contiguous_view_saved_by_PyTorch()
    {
        using var scope = NewDisposeScope();

        var loaded = StateDicts.Load(DataFile("pytorch_transposed_view.pt"));

        // Saved by PyTorch as a transposed view of a [3, 4] weight: read back in logical order.
        var weight = Enumerable.Range(0, 12).Select(i => i / 8f - 0.5f).ToArray();
        loaded["decoder.weight_t"].shape.Should().Equal(4, 3);
        loaded["decoder.weight_t"].ToFloats().Should().Equal(Enumerable.Range(0, 12).Select(i => weight[(i % 3) * 4 + i / 3]));
    }

    [Fact]
    public void Save_must_write_a_non_contiguous_view_in_logical_order()
    {
        using var scope = NewDisposeScope();
        var weight = arange(12, dtype: ScalarType.Float32).view(3, 4);

        var loaded = StateDicts.Load(StateDicts.Save([new("weight_t", weight.t()), new("column", weight.select(1, 2))]));

        loaded["weight_t"].shape.Should().Equal(4, 3);
        loaded["weight_t"].ToFloats().Should().Equal(weight.t().ToFloats());
        loaded["column"].ToFloats().Should().Equal(2, 6, 10);
    }

    [Fact]
    public void Loaded_tensors_must_be_detached_and_join_the_current_dispose_scope()
    {
        using var weight = tensor(new float[] { 1, 2 }, requires_grad: true);
        var bytes = StateDicts.Save([new("w", weight)]);
        // TorchSharp's per-thread accounting (LiveTensors): what Load returns is freed with the scope it joined.
        var baseline = LiveTensors.OnThisThread;
        using (NewDisposeScope())
        {
            var loaded = StateDicts.Load(bytes);
            loaded["w"].requires_grad.Should().BeFalse();
            loaded["w"].ToFloats().Should().Equal(1, 2);
        }
        LiveTensors.OnThisThread.Should().Be(baseline);
    }

    [Fact]
    public void Save_must_replace_an_existing_file_and_leave_no_temporary_behind()
    {
        var path = folder.File("weights.pt");
        using var first = tensor(new float[] { 1 });
        using var second = tensor(new float[] { 2, 3 });

        StateDicts.Save([new("x", first)], path);
        StateDicts.Save([new("x", second)], path);

        using var scope = NewDisposeScope();
        StateDicts.Load(path)["x"].ToFloats().Should().Equal(2, 3);
        Directory.GetFiles(folder.Path).Should().Equal(path);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Load_must_refuse_a_truncated_archive(double keep)
    {
        using var t = arange(64, dtype: ScalarType.Float32);
        var archive = StateDicts.Save([new("payload", t)]);
        var cut = archive[..(int)(archive.Length * keep)];

        var act = () => StateDicts.Load(cut);

        act.Should().Throw<InvalidDataException>().WithMessage("state dict: expected a PyTorch archive of named tensors*");
    }

    [Fact]
    public void Load_must_refuse_bytes_that_are_no_archive_and_a_missing_file()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7)).ToArray();
        var missing = folder.File("missing.pt");

        var load = () => StateDicts.Load(garbage);
        var open = () => StateDicts.Load(missing);

        load.Should().Throw<InvalidDataException>().WithMessage("state dict: expected a PyTorch archive of named tensors*");
        open.Should().Throw<FileNotFoundException>().WithMessage($"state dict: expected a file at '{missing}', got none");
    }

    [Theory]
    [InlineData("pytorch_tensor.pt")]
    [InlineData("pytorch_dict_with_float.pt")]
    public void Load_must_refuse_archives_that_hold_no_dict_of_tensors(string file)
    {
        var act = () => StateDicts.Load(DataFile(file));

        act.Should().Throw<InvalidDataException>().WithMessage("state dict: expected *");
    }

    [Fact]
    public void Save_must_refuse_empty_or_repeated_names_and_null_tensors()
    {
        using var t = tensor(new float[] { 1 });

        var empty = () => StateDicts.Save([new("", t)]);
        var repeated = () => StateDicts.Save([new("a", t), new("a", t)]);
        var missing = () => StateDicts.Save([new("a", null!)]);

        empty.Should().Throw<ArgumentException>().WithMessage("state dict: expected a non-empty name at entry 0*");
        repeated.Should().Throw<ArgumentException>().WithMessage("state dict: expected unique names, got 'a' twice*");
        missing.Should().Throw<ArgumentException>().WithMessage("state dict: expected a tensor for 'a', got null*");
    }

    private Dictionary<string, Tensor> RoundTrip(string medium, IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        switch (medium)
        {
            case "file":
                var path = folder.File("round-trip.pt");
                StateDicts.Save(tensors, path);
                return StateDicts.Load(path);
            case "bytes":
                return StateDicts.Load(StateDicts.Save(tensors));
            default:
                using (var stream = new MemoryStream())
                {
                    StateDicts.Save(tensors, stream);
                    stream.Position = 0;
                    return StateDicts.Load(stream);
                }
        }
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Data", name);
}
