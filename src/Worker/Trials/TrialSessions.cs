using Troupe.Worker.Agent;
using Troupe.Worker.Protocol;

namespace Troupe.Worker.Trials;

/// <summary>Opens the session a trial's model asks for: the built-in <c>noop</c> kind, or a Learner over a registry model (alone, or one replica of a data-parallel group when the assignment has one).</summary>
internal static class TrialSessions
{
    /// <param name="trial">The assignment.</param>
    /// <param name="checkpoint">The epoch checkpoint to resume from, or null for a fresh start.</param>
    /// <param name="cache">The node's dataset cache.</param>
    /// <param name="device">Where the model computes: <c>cpu</c> or <c>cuda:N</c>.</param>
    public static ITrialSession Open(TrialAssignment trial, byte[]? checkpoint, DatasetCache cache, string device = "cpu") =>
        string.Equals(trial.Model, NoopSession.ModelName, StringComparison.OrdinalIgnoreCase)
            ? NoopSession.Open(trial, checkpoint)
            : LearnerSession.Open(trial, checkpoint, cache, device);
}
