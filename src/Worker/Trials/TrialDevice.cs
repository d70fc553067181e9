using TorchSharp;
using Troupe.Training.Models;
using static TorchSharp.torch;

namespace Troupe.Worker.Trials;

/// <summary>The device a trial's model and batches live on: <c>cpu</c> (left where models are built) or <c>cuda:N</c>.</summary>
internal static class TrialDevice
{
    /// <summary>null for cpu (the default everywhere), else the parsed device.</summary>
    /// <exception cref="ArgumentException">Neither cpu nor cuda:N.</exception>
    public static Device? Of(string device)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        if (device == "cpu") return null;
        if (!device.StartsWith("cuda:", StringComparison.Ordinal) || !int.TryParse(device.AsSpan(5), out var index) || index < 0)
            throw new ArgumentException($"trial device: expected cpu or cuda:N, got '{device}'", nameof(device));
        return torch.device(DeviceType.CUDA, index);
    }

    /// <summary>Moves <paramref name="model"/> to <paramref name="device"/> (nothing to do for cpu) and returns it.</summary>
    public static LanguageModel Move(LanguageModel model, string device)
    {
        if (Of(device) is { } d) model.to(d);
        return model;
    }
}
