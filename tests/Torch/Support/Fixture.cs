using System.Text.Json;
using TorchSharp;

namespace Troupe.Torch.Tests.Support;

/// <summary>
/// A PyTorch fixture from <c>../shared/fixtures/torch/NAME.json</c>: tensors stored as
/// <c>{"shape": [...], "dtype": "float32"|"int64", "data": [flat, row-major]}</c> plus plain numbers.
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

    public bool Has(string name) => root.TryGetProperty(name, out _);

    public double[] Numbers(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public Tensor Tensor(string name, bool requiresGrad = false) => ToTensor(root.GetProperty(name), requiresGrad);

    public IReadOnlyList<Tensor> Tensors(string name) => root.GetProperty(name).EnumerateArray().Select(e => ToTensor(e, false)).ToList();

    /// <summary>The stored values of a float32 tensor, as floats.</summary>
    public float[] Floats(string name) => root.GetProperty(name).GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    private static Tensor ToTensor(JsonElement e, bool requiresGrad)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => torch.tensor(data.EnumerateArray().Select(v => v.GetSingle()).ToArray(), shape, requires_grad: requiresGrad),
            "int64" => torch.tensor(data.EnumerateArray().Select(v => v.GetInt64()).ToArray(), shape),
            var other => throw new InvalidDataException($"fixture dtype: expected float32 or int64, got {other}"),
        };
    }
}
