using Troupe.Coordinator.Commands;
using Troupe.Training.Experiments;

namespace Troupe.Coordinator.Tests.Commands;

/// <summary>Every spec under <c>experiments/</c> is one `troupe-coordinator run` reads (what the README tells users to run).</summary>
public sealed class RepositorySpecsSpecs
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../experiments"));

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Experiment_spec_must_parse(string file)
    {
        var spec = new ExperimentSpecReader(SweepValidation.ModelNames).Load(Path.Combine(Folder, file));

        spec.Trials().Should().NotBeEmpty();
    }
}
