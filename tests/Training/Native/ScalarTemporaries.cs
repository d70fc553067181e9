using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Troupe.Training.Tests.Native;

/// <summary>
/// Finds where C# code hands libtorch a <c>TorchSharp.Scalar</c> nothing keeps alive. A Scalar owns a native handle
/// and frees it in its finalizer; TorchSharp's methods read <c>scalar.Handle</c> and then call native code, so a Scalar
/// no variable holds is unreachable during that call and a collection on another thread can free it mid-call (seen:
/// libtorch's <c>Expected false to be true</c> from <c>Scalar::toFloat</c> in <c>add_Tensor</c>, failing a trial at
/// random). Kinds: an implicit conversion to Scalar (<c>t.mul(0.5)</c>, <c>t.pow(2)</c>); a <c>ToScalar()</c> passed
/// straight on; Tensor <c>+</c>, the one-argument <c>add</c>/<c>add_</c> and every Tensor operator with a number
/// (<c>1 - t</c>, <c>t * 0.5</c>), which make such a Scalar inside TorchSharp (an alpha of 1, or the number).
/// </summary>
internal static class ScalarTemporaries
{
    public sealed record Finding(string File, int Line, string Kind, string Code)
    {
        public override string ToString() => $"{File}:{Line}: {Kind}: {Code}";
    }

    /// <summary>Compiles <paramref name="sources"/> (path, text) against the test's own references and returns every finding.</summary>
    public static IReadOnlyList<Finding> Find(IEnumerable<(string Path, string Text)> sources, params string[] excludedAssemblies)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, s.Path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"));
        var compilation = CSharpCompilation.Create("scan", trees, References(excludedAssemblies),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var missing = compilation.GetDiagnostics().Where(d => d.Id is "CS0246" or "CS0234").Take(3).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"the scan cannot resolve types: {string.Join("; ", missing)}");
        var findings = new List<Finding>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            // Implicit conversions have no syntax of their own: walk each operation tree from its root.
            var roots = tree.GetRoot().DescendantNodes().Select(n => model.GetOperation(n)).OfType<IOperation>().Where(op => op.Parent is null);
            foreach (var op in roots.SelectMany(r => r.DescendantsAndSelf()))
                if (KindOf(op) is { } kind)
                    findings.Add(new Finding(tree.FilePath, op.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1, kind, op.Syntax.ToString()));
        }
        return findings.Distinct().ToList();
    }

    private static string? KindOf(IOperation op) => op switch
    {
        IConversionOperation { OperatorMethod: not null, IsImplicit: true } c when IsScalar(c.Type) => "implicit Scalar",
        IConversionOperation { OperatorMethod: not null } c when IsScalar(c.Type) => "cast to Scalar",
        IInvocationOperation { TargetMethod.Name: "ToScalar" } i when i.Parent is IArgumentOperation => "ToScalar() passed on",
        IInvocationOperation { TargetMethod: { Name: "add" or "add_" } m } i when IsTensor(m.ContainingType) && i.Arguments.Length == 1 => "add without alpha",
        IBinaryOperation { OperatorMethod: { } m } when IsTensor(m.ContainingType) && m.Parameters.Any(p => !IsTensor(p.Type)) => "Tensor operator with a number",
        IBinaryOperation { OperatorMethod: { Name: "op_Addition" } m } when IsTensor(m.ContainingType) => "Tensor +",
        ICompoundAssignmentOperation { OperatorMethod: { } m } when IsTensor(m.ContainingType) && m.Parameters.Any(p => !IsTensor(p.Type)) => "Tensor operator with a number",
        ICompoundAssignmentOperation { OperatorMethod: { Name: "op_Addition" } m } when IsTensor(m.ContainingType) => "Tensor +",
        _ => null,
    };

    private static bool IsScalar(ITypeSymbol? t) => t is { Name: "Scalar", ContainingNamespace.Name: "TorchSharp" };

    private static bool IsTensor(ITypeSymbol? t) => t is { Name: "Tensor", ContainingType.Name: "torch" };

    // Read once per test run: every scan (the Theory's cases and the source scan) filters the same set.
    private static readonly Lazy<List<(string Name, MetadataReference Reference)>> Available = new(() =>
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return [.. framework.Concat(local)
            .DistinctBy(Path.GetFileName)
            .Where(IsManaged)
            .Select(p => (Path.GetFileNameWithoutExtension(p), (MetadataReference)MetadataReference.CreateFromFile(p)))];
    });

    private static List<MetadataReference> References(string[] excluded) =>
        [.. Available.Value.Where(r => !excluded.Contains(r.Name)).Select(r => r.Reference)];

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    // The SDK's implicit usings (ImplicitUsings=enable in Directory.Build.props).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
