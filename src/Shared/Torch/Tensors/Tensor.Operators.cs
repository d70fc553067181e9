namespace TorchSharp;

// C# operators. Comparisons are methods (eq, lt, ...): == keeps reference equality.
public partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
    public static Tensor operator -(Scalar a, Tensor b) => b.rsub(a);
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    public static Tensor operator /(Scalar a, Tensor b) => b.rdiv(a);
    public static Tensor operator %(Tensor a, Tensor b) => a.remainder(b);
    public static Tensor operator %(Tensor a, Scalar b) => a.remainder(b);
    public static Tensor operator -(Tensor a) => a.neg();
    /// <summary>Logical and of bool tensors.</summary>
    public static Tensor operator &(Tensor a, Tensor b) => a.logical_and(b);
    /// <summary>Logical or of bool tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => a.logical_or(b);
    /// <summary>Logical not of a bool tensor.</summary>
    public static Tensor operator !(Tensor a) => a.logical_not();
}
