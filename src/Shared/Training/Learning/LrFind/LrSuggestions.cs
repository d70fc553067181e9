namespace Troupe.Training.Learning;

/// <summary>
/// fastai's learning-rate suggestion functions (<c>valley</c>, <c>minimum</c>, <c>steep</c>), applied to
/// what <c>lr_find</c> recorded: the learning rates and smoothed losses with the first <c>num_it // 10</c>
/// and the last 5 points dropped, cut at the first NaN loss.
/// </summary>
internal static class LrSuggestions
{
    /// <summary>The points fastai's suggestion functions look at.</summary>
    public static (double[] Lrs, double[] Losses) Trim(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, int numIt)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        ArgumentNullException.ThrowIfNull(losses);
        if (lrs.Count != losses.Count)
            throw new ArgumentException($"lr_find: expected one loss per learning rate, got {lrs.Count} rates and {losses.Count} losses", nameof(losses));
        // Python's [num_it//10:-5] slice.
        var start = numIt / 10;
        var end = lrs.Count - 5;
        if (end <= start) return ([], []);
        var l = lrs.Skip(start).Take(end - start).ToArray();
        var s = losses.Skip(start).Take(end - start).ToArray();
        var nan = Array.FindIndex(s, double.IsNaN);
        return nan < 0 ? (l, s) : (l[..nan], s[..nan]);
    }

    /// <summary>fastai's <c>valley</c> (the default): the point a third and a half into the longest decreasing run of losses.</summary>
    public static double Valley(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var n = Require(lrs, losses, "valley");
        int maxStart = 0, maxEnd = 0;
        var lds = Enumerable.Repeat(1, n).ToArray();
        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        var sections = (maxEnd - maxStart) / 3.0;
        var idx = maxStart + (int)sections + (int)(sections / 2);
        return lrs[idx];
    }

    /// <summary>fastai's <c>minimum</c>: a tenth of the learning rate with the lowest loss.</summary>
    public static double Minimum(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var n = Require(lrs, losses, "minimum");
        var best = 0;
        for (var i = 1; i < n; i++)
            if (losses[i] < losses[best]) best = i;
        return lrs[best] / 10;
    }

    /// <summary>fastai's <c>steep</c>: the learning rate where the loss falls fastest against log(lr).</summary>
    public static double Steep(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var n = Require(lrs, losses, "steep");
        if (n < 2) return lrs[0];
        var best = 0;
        var bestGrad = double.PositiveInfinity;
        for (var i = 0; i < n - 1; i++)
        {
            var grad = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
            if (grad < bestGrad)
            {
                bestGrad = grad;
                best = i;
            }
        }
        return lrs[best];
    }

    private static int Require(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, string name)
    {
        ArgumentNullException.ThrowIfNull(lrs);
        ArgumentNullException.ThrowIfNull(losses);
        if (lrs.Count != losses.Count || lrs.Count == 0)
            throw new ArgumentException($"{name}: expected as many losses as learning rates (at least one), got {lrs.Count} rates and {losses.Count} losses");
        return lrs.Count;
    }
}
