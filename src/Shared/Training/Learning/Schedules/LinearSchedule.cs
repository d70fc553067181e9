namespace Troupe.Training.Learning;

/// <summary>fastai's <c>SchedLin</c>: a straight line from <see cref="Start"/> to <see cref="End"/>.</summary>
internal sealed record LinearSchedule(double Start, double End) : ISchedule
{
    public double At(double pos) => Start + pos * (End - Start);
}
