using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Troupe.Training.Models;

/// <summary>
/// TorchSharp's <c>register_module</c> / <c>register_parameter</c> return nothing; these return what they
/// registered, so a constructor reads like PyTorch's <c>self.i_h = nn.Embedding(...)</c> while the state-dict
/// names stay PyTorch's snake_case (<c>i_h.weight</c>), whatever the C# field is called.
/// </summary>
public static class ModuleRegistration
{
    /// <summary>Registers <paramref name="child"/> under <paramref name="name"/> and returns it.</summary>
    public static T Register<T>(this nn.Module parent, string name, T child) where T : nn.Module
    {
        parent.register_module(name, child);
        return child;
    }

    /// <summary>Registers <paramref name="parameter"/> under <paramref name="name"/> and returns it.</summary>
    public static Parameter Register(this nn.Module parent, string name, Parameter parameter)
    {
        parent.register_parameter(name, parameter);
        return parameter;
    }
}
