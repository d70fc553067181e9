using TorchSharp;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>A container registering its modules under "0", "1", ... (PyTorch's <c>nn.ModuleList</c> naming).</summary>
internal sealed class ModuleList : nn.Module
{
    private int count;

    public ModuleList() : base(nameof(ModuleList))
    {
    }

    public T Add<T>(T module) where T : nn.Module => this.Register((count++).ToString(System.Globalization.CultureInfo.InvariantCulture), module);
}
