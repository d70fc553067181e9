using System.Globalization;

namespace Troupe.Training.Tuning;

/// <summary>
/// Names one attempt of one trial (DESIGN.md: every report carries one). Attempts count from 1; a retry or a restart
/// after a coordinator resume is a new attempt, so reports from an attempt given up on can be told apart.
/// </summary>
public readonly record struct FencingToken
{
    /// <exception cref="ArgumentException">Empty trial id or attempt &lt; 1.</exception>
    public FencingToken(string trialId, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(trialId);
        if (attempt < 1) throw new ArgumentOutOfRangeException(nameof(attempt), $"FencingToken: expected attempt ≥ 1, got {attempt}");
        TrialId = trialId;
        Attempt = attempt;
    }

    public string TrialId { get; }

    public int Attempt { get; }

    /// <summary><c>trial-0003#2</c>.</summary>
    public override string ToString() => $"{TrialId}#{Attempt.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads <see cref="ToString"/>'s form.</summary>
    /// <exception cref="FormatException">Not <c>TRIAL#ATTEMPT</c> with attempt ≥ 1.</exception>
    public static FencingToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = text.LastIndexOf('#');
        if (hash <= 0 || !int.TryParse(text.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) || attempt < 1)
            throw new FormatException($"FencingToken: expected TRIAL#ATTEMPT with attempt ≥ 1, got '{text}'");
        return new FencingToken(text[..hash], attempt);
    }
}
