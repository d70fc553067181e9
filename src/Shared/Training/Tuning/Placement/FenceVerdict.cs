namespace Troupe.Training.Tuning;

/// <summary>The answer to "may I act on this report?": accepted, or rejected with a reason and a log-ready message.</summary>
public sealed record FenceVerdict(FencingToken Token, FenceRejection Rejection, string Message)
{
    public bool Accepted => Rejection == FenceRejection.None;
}
