using Troupe.Training.Models;

namespace Troupe.Coordinator.Commands;

/// <summary>
/// The models a spec may name and what each can take part in: the registry's definitions with their declared
/// <see cref="ModelCapabilities"/>, and the worker's built-in <c>noop</c> (it sleeps and reports synthetic losses), which
/// reads no data, builds no model and so has nothing to share between replicas. Names are case-insensitive.
/// </summary>
internal static class SpecModels
{
    public const string Noop = "noop";

    /// <summary>The <c>noop</c> model's capabilities: one replica, no artifacts, no layer groups.</summary>
    public static ModelCapabilities NoopCapabilities { get; } = new(ModelKind.LanguageModel) { OneReplicaBecause = "it has no gradients to share" };

    public static bool IsNoop(string model) => string.Equals(model, Noop, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">a name that is neither a registry model nor <c>noop</c>.</exception>
    public static ModelCapabilities CapabilitiesOf(string model) => IsNoop(model) ? NoopCapabilities : ModelRegistry.Get(model).Capabilities;
}
