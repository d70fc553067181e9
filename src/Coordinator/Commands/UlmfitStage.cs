namespace Troupe.Coordinator.Commands;

/// <summary>
/// One stage of the ULMFiT chain: its subcommand <see cref="Name"/> and its <see cref="Id"/>, which names the spec
/// (<c>experiments/ulmfit-ID.yaml</c>, embedded in this assembly so the command runs exactly what <c>run</c> would)
/// and, under <c>--out</c>, the spec file written (<c>ID.yaml</c>) and the run directory (<c>ID</c>).
/// </summary>
internal sealed record UlmfitStage(string Name, string Id)
{
    public static UlmfitStage Pretrain { get; } = new("pretrain", "1-pretrain");

    public static UlmfitStage FineTune { get; } = new("finetune", "2-finetune");

    public static UlmfitStage Classify { get; } = new("classify", "3-classify");

    public static IReadOnlyList<UlmfitStage> All { get; } = [Pretrain, FineTune, Classify];

    /// <summary>The manifest resource name of the stage's spec (the LogicalName in Troupe.Coordinator.csproj).</summary>
    public string ResourceName => $"experiments/ulmfit-{Id}.yaml";

    /// <summary>The embedded spec's bytes, as in the repository's experiments folder.</summary>
    public byte[] SpecBytes()
    {
        using var stream = typeof(UlmfitStage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"expected the embedded resource {ResourceName} in {typeof(UlmfitStage).Assembly.GetName().Name}, got none");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The embedded spec, ready for edits.</summary>
    public SpecOverrides Spec() => new(System.Text.Encoding.UTF8.GetString(SpecBytes()));

    /// <summary>Where the stage's spec is written under <paramref name="outDir"/>.</summary>
    public string SpecPath(string outDir) => Path.Combine(outDir, Id + ".yaml");

    /// <summary>The stage's run directory under <paramref name="outDir"/>.</summary>
    public string RunDirectory(string outDir) => Path.Combine(outDir, Id);
}
