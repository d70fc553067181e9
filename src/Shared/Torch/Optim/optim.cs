using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    /// <summary><c>torch.optim</c>: optimizers over parameters or parameter groups (defaults as PyTorch's).</summary>
    public static partial class optim
    {
        public static SGD SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
            double weightDecay = 0, bool nesterov = false)
            => SGD([new ParamGroup(parameters)], lr, momentum, dampening, weightDecay, nesterov);

        /// <summary>SGD over groups; a group's unset options take these defaults.</summary>
        public static SGD SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0,
            double weightDecay = 0, bool nesterov = false)
            => new(groups, new ParamGroup([], lr: lr, momentum: momentum, dampening: dampening, nesterov: nesterov, weightDecay: weightDecay));

        public static Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 0)
            => Adam([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay);

        public static Adam Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 0)
            => new(groups, new ParamGroup([], lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay));

        public static AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 1e-2)
            => AdamW([new ParamGroup(parameters)], lr, beta1, beta2, eps, weightDecay);

        public static AdamW AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weightDecay = 1e-2)
            => new(groups, new ParamGroup([], lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: weightDecay));
    }
}
