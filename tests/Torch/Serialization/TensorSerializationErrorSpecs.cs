using TorchSharp;

namespace Troupe.Torch.Tests.Serialization;

/// <summary>Truncated, corrupt or foreign input and bad names are refused with clear messages.</summary>
[Collection("live-tensor-count")]
public class TensorSerializationErrorSpecs
{
    private static readonly float[] Payload = Enumerable.Range(0, 64).Select(i => i * 0.5f + 1000f).ToArray();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Load_must_refuse_a_truncated_archive(double keep)
    {
        var archive = Archive();
        var cut = archive[..(int)(archive.Length * keep)];

        var act = () => torch.load(cut);

        act.Should().Throw<TorchException>()
            .WithMessage($"trp_serialize_load_bytes: expected a tensor archive (torch.save zip format) in the byte buffer ({cut.Length} bytes): *");
    }

    [Fact]
    public void Load_must_refuse_a_flipped_bit_in_the_tensor_data()
    {
        var archive = Archive();
        var payload = new ReadOnlySpan<byte>(archive).IndexOf(BitConverter.GetBytes(Payload[10]));
        payload.Should().BePositive();
        archive[payload] ^= 0x01;

        var act = () => torch.load(archive);

        act.Should().Throw<TorchException>().WithMessage("*record '*data/0' is corrupt: expected CRC-32 *, got *");
    }

    [Fact]
    public void Load_must_refuse_bytes_that_are_no_archive()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7)).ToArray();

        var act = () => torch.load(garbage);

        act.Should().Throw<TorchException>().WithMessage("*expected a tensor archive*no zip end-of-central-directory record*");
    }

    [Fact]
    public void Load_must_refuse_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"troupe-missing-{Guid.NewGuid():N}.pt");

        var act = () => torch.load(path);

        act.Should().Throw<TorchException>().WithMessage($"trp_serialize_load_file: cannot open '{path}': No such file or directory");
    }

    [Theory]
    [InlineData("pytorch_tensor.pt", "*expected a dict of str -> Tensor in '*pytorch_tensor.pt', got Tensor")]
    [InlineData("pytorch_ordered_dict.pt", "*expected a plain dict of str -> Tensor in '*pytorch_ordered_dict.pt', got a Python OrderedDict*save dict(model.state_dict())")]
    [InlineData("pytorch_dict_with_float.pt", "*expected a Tensor for 'lr' in '*pytorch_dict_with_float.pt', got Double")]
    public void Load_must_refuse_archives_that_hold_no_dict_of_tensors(string file, string message)
    {
        var act = () => torch.load(TensorSerializationSpecs.DataFile(file));

        act.Should().Throw<TorchException>().WithMessage(message);
    }

    [Fact]
    public void Save_must_refuse_empty_repeated_or_NUL_names_and_null_tensors()
    {
        using var t = torch.tensor(new float[] { 1 });

        FluentActions.Invoking(() => torch.save([new("", t)])).Should().Throw<ArgumentException>()
            .WithMessage("save: expected a non-empty name at index 0, got \"\"*");
        FluentActions.Invoking(() => torch.save([new("a", t), new("a", t)])).Should().Throw<ArgumentException>()
            .WithMessage("save: expected unique names, got 'a' twice*");
        FluentActions.Invoking(() => torch.save([new("a\0b", t)])).Should().Throw<ArgumentException>()
            .WithMessage("save: expected a name without NUL characters*");
        FluentActions.Invoking(() => torch.save([new("a", null!)])).Should().Throw<ArgumentException>()
            .WithMessage("save: expected a tensor for 'a', got null*");
    }

    [Fact]
    public void Save_must_refuse_a_disposed_tensor_and_an_unwritable_path()
    {
        var disposed = torch.tensor(new float[] { 1 });
        disposed.Dispose();
        using var t = torch.tensor(new float[] { 1 });
        var path = Path.Combine(Path.GetTempPath(), $"troupe-no-such-dir-{Guid.NewGuid():N}", "x.pt");

        FluentActions.Invoking(() => torch.save([new("a", disposed)])).Should().Throw<ObjectDisposedException>();
        FluentActions.Invoking(() => torch.save([new("a", t)], path)).Should().Throw<TorchException>()
            .WithMessage($"trp_serialize_save_file: cannot open '{path}.tmp' for writing: No such file or directory");
    }

    private static byte[] Archive()
    {
        using var t = torch.tensor(Payload, new long[] { 8, 8 });
        return torch.save([new("weights", t)]);
    }
}
