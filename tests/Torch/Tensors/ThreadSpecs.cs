using TorchSharp;

namespace Troupe.Torch.Tests.Tensors;

/// <summary>
/// The intra-op thread count reaches the BLAS as well: Debian's libtorch does its GEMMs in OpenBLAS, whose own pool
/// (one spinning thread per core by default) would otherwise be shared by every trial in the process.
/// </summary>
public sealed class ThreadSpecs
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Set_num_threads_must_size_libtorch_and_openblas_alike(int threads)
    {
        var before = torch.get_num_threads();
        try
        {
            torch.set_num_threads(threads);

            torch.get_num_threads().Should().Be(threads);
            torch.get_blas_num_threads().Should().Be(threads, "libtorch here links Debian's OpenBLAS (libopenblas0-pthread)");
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    [Fact]
    public void Set_num_threads_must_refuse_a_count_below_one()
    {
        var act = () => torch.set_num_threads(0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*expected a thread count >= 1, got 0*");
    }
}
