using System.Buffers.Binary;
using System.Text;
using Troupe.Training.Learning;
using Troupe.Training.Tests.Support;
using Troupe.Training.Transfer;

namespace Troupe.Training.Tests.Learning;

/// <summary>
/// Files of the libtorch 1.13 binding (checkpoints TRPCKPT1, weights TRPWGT01) are refused with a message that names
/// the old format and says what to do, never half-read: their RNG state and AWD-LSTM weight names differ.
/// </summary>
public sealed class RetiredFormatSpecs : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Checkpoint_in_the_TRPCKPT1_format_must_be_refused_by_name()
    {
        var path = folder.File("epoch-3.ckpt");
        File.WriteAllBytes(path, OldFile("TRPCKPT1", """{"epoch":3,"tags":{}}"""));

        var fromFile = () => LearnerCheckpoint.Load(path);
        var fromBytes = () => LearnerCheckpoint.FromBytes(File.ReadAllBytes(path));

        fromFile.Should().Throw<InvalidDataException>()
            .WithMessage("*expected the 'TRPCKPT2' format, got 'TRPCKPT1': a checkpoint of Troupe's own libtorch 1.13 binding*train again*");
        fromBytes.Should().Throw<InvalidDataException>().WithMessage("checkpoint: expected the 'TRPCKPT2' format, got 'TRPCKPT1'*");
    }

    [Fact]
    public void Weights_in_the_TRPWGT01_format_must_be_refused_by_name()
    {
        var path = folder.File("encoder");
        File.WriteAllBytes(path, OldFile("TRPWGT01", """{"kind":"encoder"}"""));

        var act = () => PretrainedWeights.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*expected the 'TRPWGT02' format, got 'TRPWGT01': weights of Troupe's own libtorch 1.13 binding*");
    }

    // The old layout: magic, little-endian int32 metadata length, UTF-8 JSON, then the old binding's tensor archive.
    private static byte[] OldFile(string magic, string json)
    {
        var meta = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + 4 + meta.Length + 64];
        Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), meta.Length);
        meta.CopyTo(bytes, 12);
        bytes.AsSpan(12 + meta.Length).Fill(0x5A);
        return bytes;
    }
}
