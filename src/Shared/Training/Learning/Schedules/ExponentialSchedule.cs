namespace Troupe.Training.Learning;

/// <summary>fastai's <c>SchedExp</c>: geometric from <see cref="Start"/> to <see cref="End"/> (what <c>lr_find</c> sweeps).</summary>
internal sealed record ExponentialSchedule(double Start, double End) : ISchedule
{
    public double At(double pos) => Start * Math.Pow(End / Start, pos);
}
