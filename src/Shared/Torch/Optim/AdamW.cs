namespace TorchSharp.Modules;

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): Adam with decoupled weight decay, the parameter shrinking by
/// <c>lr * weight_decay</c> before each update.
/// </summary>
public sealed class AdamW : Adam
{
    internal AdamW(IEnumerable<ParamGroup> groups, ParamGroup defaults) : base(groups, defaults, decoupled: true)
    {
    }
}
