namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A module with one input.</summary>
        public abstract class Module<TInput, TResult> : Module
        {
            public abstract TResult Forward(TInput input);
        }
    }
}
