namespace Troupe.Training.Learning;

/// <summary>fastai's <c>SchedCos</c>: a half cosine from <see cref="Start"/> to <see cref="End"/>.</summary>
internal sealed record CosineSchedule(double Start, double End) : ISchedule
{
    // Same expression, same operation order as fastai, so the doubles agree bit for bit.
    public double At(double pos) => Start + (1 + Math.Cos(Math.PI * (1 - pos))) * (End - Start) / 2;
}
