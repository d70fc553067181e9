namespace Troupe.Training.Tests.Native;

/// <summary>
/// Troupe's TorchSharp code keeps every Scalar it hands libtorch alive through the call (<see cref="ScalarTemporaries"/>
/// says why): constants come from <c>TorchScalars</c>, other values from a <c>using var</c> local.
/// </summary>
public sealed class TorchScalarLifetimeSpecs
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../"));

    // The projects whose code computes with TorchSharp (the worker's sessions only call into Training).
    private static readonly string[] Projects = ["src/Shared/Training", "src/Shared/Collectives"];

    [Fact]
    public void Troupe_sources_must_hand_libtorch_no_Scalar_that_nothing_keeps_alive()
    {
        var sources = Projects.SelectMany(p => Directory.GetFiles(Path.Combine(Root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Root, f), File.ReadAllText(f)));

        var findings = ScalarTemporaries.Find(sources, "Troupe.Training", "Troupe.Collectives", "Troupe.Training.Tests", "Troupe.Training.DpPeer");

        findings.Select(f => f.ToString()).Should().BeEmpty("a Scalar no variable holds can be finalized while libtorch reads it");
    }

    [Theory]
    [InlineData("t.mul(0.5)", "implicit Scalar")]
    [InlineData("t.pow(2)", "implicit Scalar")]
    [InlineData("t.mul((Scalar)2)", "cast to Scalar")]
    [InlineData("t.mul(2.ToScalar())", "ToScalar() passed on")]
    [InlineData("t.add(t)", "add without alpha")]
    [InlineData("t.add_(t)", "add without alpha")]
    [InlineData("t + t", "Tensor +")]
    [InlineData("1 - t", "Tensor operator with a number")]
    [InlineData("t * 0.5", "Tensor operator with a number")]
    public void The_scan_must_find_each_kind_of_unheld_Scalar(string expression, string kind)
    {
        var findings = ScalarTemporaries.Find([("Case.cs", Snippet(expression))], "Troupe.Training.Tests", "Troupe.Training.DpPeer");

        findings.Select(f => f.Kind).Should().Contain(kind);
    }

    [Theory]
    [InlineData("t.add(t, one)")]
    [InlineData("t.mul(one)")]
    [InlineData("t - t")]
    [InlineData("t.addmm(t, t)")]
    public void The_scan_must_accept_Scalars_held_by_a_variable(string expression)
    {
        ScalarTemporaries.Find([("Case.cs", Snippet(expression))], "Troupe.Training.Tests", "Troupe.Training.DpPeer").Should().BeEmpty();
    }

    private static string Snippet(string expression) => $$"""
        using TorchSharp;
        using static TorchSharp.torch;
        static class Case
        {
            static Tensor Run(Tensor t)
            {
                using var one = 1.ToScalar();
                return {{expression}};
            }
        }
        """;
}
