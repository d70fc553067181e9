using TorchSharp;

namespace Troupe.Torch.Tests.Serialization;

/// <summary>torch.save / torch.load of named tensor sets: exact round trips and PyTorch interop.</summary>
[Collection("live-tensor-count")]
public sealed class TensorSerializationSpecs : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("troupe-serialize-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Media => new() { "file", "bytes", "stream" };

    [Theory]
    [MemberData(nameof(Media))]
    public void Save_and_load_must_round_trip_float32_int64_and_bool_exactly(string medium)
    {
        float[] floats = [0f, -0f, 1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
            float.PositiveInfinity, float.NegativeInfinity, BitConverter.Int32BitsToSingle(0x7FC0_1234), 1e-38f, 3.14159274f];
        long[] longs = [long.MinValue, long.MaxValue, 0, -1, 1L << 40];
        bool[] bools = [true, false, false, true, true, false];
        using var scope = torch.NewDisposeScope();
        var saved = new OrderedDictionary<string, Tensor>
        {
            ["encoder.layers.0.weight"] = torch.tensor(floats, new long[] { 3, 4 }),
            ["step"] = torch.tensor(longs),
            ["mask"] = torch.tensor(bools, new long[] { 2, 3 }),
            ["epoch"] = torch.tensor(new long[] { 12 }, Array.Empty<long>()),
            ["empty"] = torch.tensor(Array.Empty<float>(), new long[] { 0, 5 }),
        };

        var loaded = RoundTrip(medium, saved);

        loaded.Keys.Should().Equal(saved.Keys);
        var weight = loaded["encoder.layers.0.weight"];
        weight.shape.Should().Equal(3, 4);
        weight.dtype.Should().Be(ScalarType.Float32);
        weight.data<float>().Select(BitConverter.SingleToInt32Bits).Should().Equal(floats.Select(BitConverter.SingleToInt32Bits));
        loaded["step"].data<long>().Should().Equal(longs);
        loaded["mask"].shape.Should().Equal(2, 3);
        loaded["mask"].data<bool>().Should().Equal(bools);
        loaded["epoch"].shape.Should().BeEmpty();
        loaded["epoch"].item<long>().Should().Be(12);
        loaded["empty"].shape.Should().Equal(0, 5);
    }

    [Fact]
    public void Load_must_read_a_state_dict_saved_by_PyTorch()
    {
        using var scope = torch.NewDisposeScope();

        var loaded = torch.load(DataFile("pytorch_state_dict.pt"));

        loaded.Keys.Should().Equal("encoder.weight", "encoder.bias", "decoder.weight_t", "steps", "mask", "epoch");
        var expectedWeight = Enumerable.Range(0, 12).Select(i => i / 8f - 0.5f).ToArray();
        loaded["encoder.weight"].data<float>().Should().Equal(expectedWeight);
        loaded["encoder.bias"].data<float>().Should().Equal(1.5f, -2.25f, 3.0e-8f);
        // Saved by PyTorch as a transposed view of encoder.weight: read back in logical order.
        loaded["decoder.weight_t"].shape.Should().Equal(4, 3);
        loaded["decoder.weight_t"].data<float>().Should().Equal(
            Enumerable.Range(0, 12).Select(i => expectedWeight[(i % 3) * 4 + i / 3]));
        loaded["steps"].data<long>().Should().Equal(0, -1, 1L << 40, -(1L << 62));
        loaded["mask"].data<bool>().Should().Equal(true, false, false, true);
        loaded["epoch"].item<long>().Should().Be(7);
    }

    [Fact]
    public void Loaded_tensors_must_be_detached_and_owned_by_the_current_dispose_scope()
    {
        var baseline = Tensor.LiveCount;
        using (var outer = torch.NewDisposeScope())
        {
            using var weight = torch.tensor(new float[] { 1, 2 }, requires_grad: true);
            var bytes = torch.save([new("w", weight)]);
            using (torch.NewDisposeScope())
            {
                var loaded = torch.load(bytes);
                loaded["w"].requires_grad.Should().BeFalse();
                loaded["w"].data<float>().Should().Equal(1, 2);
                Tensor.LiveCount.Should().Be(baseline + 2);
            }
            Tensor.LiveCount.Should().Be(baseline + 1);
        }
        Tensor.LiveCount.Should().Be(baseline);
    }

    [Fact]
    public void Save_must_replace_an_existing_file_and_leave_no_temporary_behind()
    {
        var path = Path.Combine(directory, "checkpoint.pt");
        using var first = torch.tensor(new float[] { 1 });
        using var second = torch.tensor(new float[] { 2, 3 });

        torch.save([new("x", first)], path);
        torch.save([new("x", second)], path);

        using var scope = torch.NewDisposeScope();
        torch.load(path)["x"].data<float>().Should().Equal(2, 3);
        Directory.GetFiles(directory).Should().Equal(path);
    }

    private OrderedDictionary<string, Tensor> RoundTrip(string medium, OrderedDictionary<string, Tensor> tensors)
    {
        switch (medium)
        {
            case "file":
                var path = Path.Combine(directory, "round-trip.pt");
                torch.save(tensors, path);
                return torch.load(path);
            case "bytes":
                return torch.load(torch.save(tensors));
            default:
                using (var stream = new MemoryStream())
                {
                    torch.save(tensors, stream);
                    stream.Position = 0;
                    return torch.load(stream);
                }
        }
    }

    internal static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "Data", name);
}
