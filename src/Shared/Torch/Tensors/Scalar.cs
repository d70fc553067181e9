namespace TorchSharp;

/// <summary>
/// A number used as an operand (<c>t + 1</c>, <c>t * 0.5</c>, <c>fill_(0)</c>). Integral scalars
/// keep integer type promotion (an int64 tensor plus 2 stays int64), floating ones promote integer
/// tensors to float32, as Python scalars do. Integers are carried exactly up to 2^53.
/// </summary>
public readonly struct Scalar
{
    public Scalar(double value, bool isIntegral)
    {
        Value = value;
        IsIntegral = isIntegral;
    }

    public double Value { get; }

    public bool IsIntegral { get; }

    internal int Integral => IsIntegral ? 1 : 0;

    public static implicit operator Scalar(int value) => new(value, true);
    public static implicit operator Scalar(long value) => new(value, true);
    public static implicit operator Scalar(bool value) => new(value ? 1 : 0, true);
    public static implicit operator Scalar(float value) => new(value, false);
    public static implicit operator Scalar(double value) => new(value, false);

    public override string ToString() => IsIntegral ? ((long)Value).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
