using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// Resizing a kept hidden state to a new batch size the way fastai's AWD-LSTM does
/// (<c>_change_one_hidden</c>): more rows are padded with zeros, fewer keep the first rows. A data-parallel
/// replica therefore keeps following its own streams; a partial last batch reuses the leading rows.
/// </summary>
internal static class HiddenState
{
    /// <summary><paramref name="h"/> with <paramref name="rows"/> rows along <paramref name="batchDim"/> (a new tensor, or h itself when it fits).</summary>
    public static Tensor Resize(Tensor h, long rows, int batchDim)
    {
        var current = h.size(batchDim);
        if (current == rows) return h;
        if (current > rows) return h.narrow(batchDim, 0, rows).contiguous();
        var shape = h.shape;
        shape[batchDim] = rows - current;
        using var pad = zeros(shape, h.dtype, h.device);
        return cat([h, pad], batchDim);
    }
}
