namespace Troupe.Training.Learning;

/// <summary>fastai's <c>SchedNo</c>: the same value everywhere.</summary>
internal sealed record ConstantSchedule(double Value) : ISchedule
{
    public double At(double pos) => Value;
}
