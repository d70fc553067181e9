using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Tests.Support;

/// <summary>
/// A PyTorch fixture from <c>../shared/fixtures/torch/NAME.json</c> (computed by PyTorch 1.13.1): tensors stored as
/// <c>{"shape": [...], "dtype": "float32"|"int64", "data": [flat, row-major]}</c> plus plain numbers.
/// Tensors join the caller's dispose scope.
/// </summary>
public sealed class Fixture
{
    private readonly JsonElement root;

    private Fixture(JsonElement root) => this.root = root;

    public static Fixture Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedFiles.Path("fixtures", "torch", name + ".json")));
        return new Fixture(document.RootElement.Clone());
    }

    public double Number(string name) => root.GetProperty(name).GetDouble();

    public bool Flag(string name) => root.GetProperty(name).GetBoolean();

    public double[] Numbers(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public Tensor Tensor(string name, bool requiresGrad = false) => ToTensor(root.GetProperty(name), requiresGrad);

    public IReadOnlyList<Tensor> Tensors(string name) => root.GetProperty(name).EnumerateArray().Select(e => ToTensor(e, false)).ToList();

    private static Tensor ToTensor(JsonElement e, bool requiresGrad)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => tensor(data.EnumerateArray().Select(v => v.GetSingle()).ToArray(), shape, requires_grad: requiresGrad),
            "int64" => tensor(data.EnumerateArray().Select(v => v.GetInt64()).ToArray(), shape),
            var other => throw new InvalidDataException($"fixture dtype: expected float32 or int64, got {other}"),
        };
    }
}
