using TorchSharp.Native;

namespace TorchSharp;

// Binary arithmetic and comparisons with broadcasting and PyTorch's type promotion.
public partial class Tensor
{
    public Tensor add(Tensor other) => Wrap(NativeMethods.trp_ops_add(Ptr, other.Ptr, 1), other);
    /// <summary><c>this + alpha * other</c>.</summary>
    public Tensor add(Tensor other, double alpha) => Wrap(NativeMethods.trp_ops_add(Ptr, other.Ptr, alpha), other);
    public Tensor add(Scalar other) => Wrap(NativeMethods.trp_ops_add_scalar(Ptr, other.Value, other.Integral));
    public Tensor sub(Tensor other) => Wrap(NativeMethods.trp_ops_sub(Ptr, other.Ptr, 1), other);
    public Tensor sub(Tensor other, double alpha) => Wrap(NativeMethods.trp_ops_sub(Ptr, other.Ptr, alpha), other);
    public Tensor sub(Scalar other) => Wrap(NativeMethods.trp_ops_sub_scalar(Ptr, other.Value, other.Integral));
    /// <summary><c>other - this</c>.</summary>
    public Tensor rsub(Scalar other) => Wrap(NativeMethods.trp_ops_rsub_scalar(Ptr, other.Value, other.Integral));
    public Tensor mul(Tensor other) => Wrap(NativeMethods.trp_ops_mul(Ptr, other.Ptr), other);
    public Tensor mul(Scalar other) => Wrap(NativeMethods.trp_ops_mul_scalar(Ptr, other.Value, other.Integral));
    /// <summary>True division (integer tensors give float32).</summary>
    public Tensor div(Tensor other) => Wrap(NativeMethods.trp_ops_div(Ptr, other.Ptr), other);
    public Tensor div(Scalar other) => Wrap(NativeMethods.trp_ops_div_scalar(Ptr, other.Value, other.Integral));
    /// <summary><c>other / this</c>.</summary>
    public Tensor rdiv(Scalar other) => Wrap(NativeMethods.trp_ops_rdiv_scalar(Ptr, other.Value, other.Integral));
    public Tensor pow(Tensor exponent) => Wrap(NativeMethods.trp_ops_pow(Ptr, exponent.Ptr), exponent);
    public Tensor pow(Scalar exponent) => Wrap(NativeMethods.trp_ops_pow_scalar(Ptr, exponent.Value, exponent.Integral));
    /// <summary><c>self ** this</c>.</summary>
    public Tensor rpow(Scalar self) => Wrap(NativeMethods.trp_ops_rpow_scalar(Ptr, self.Value, self.Integral));
    /// <summary>Python's modulo (the result has the divisor's sign).</summary>
    public Tensor remainder(Tensor other) => Wrap(NativeMethods.trp_ops_remainder(Ptr, other.Ptr), other);
    public Tensor remainder(Scalar other) => Wrap(NativeMethods.trp_ops_remainder_scalar(Ptr, other.Value, other.Integral));
    public Tensor maximum(Tensor other) => Wrap(NativeMethods.trp_ops_maximum(Ptr, other.Ptr), other);
    public Tensor minimum(Tensor other) => Wrap(NativeMethods.trp_ops_minimum(Ptr, other.Ptr), other);

    /// <summary>Matrix product with NumPy broadcasting semantics (1-d, 2-d, batched).</summary>
    public Tensor matmul(Tensor other) => Wrap(NativeMethods.trp_ops_matmul(Ptr, other.Ptr), other);
    /// <summary>[n, m] x [m, p] -> [n, p], no broadcasting.</summary>
    public Tensor mm(Tensor other) => Wrap(NativeMethods.trp_ops_mm(Ptr, other.Ptr), other);
    /// <summary>[b, n, m] x [b, m, p] -> [b, n, p].</summary>
    public Tensor bmm(Tensor other) => Wrap(NativeMethods.trp_ops_bmm(Ptr, other.Ptr), other);
    public Tensor outer(Tensor other) => Wrap(NativeMethods.trp_ops_outer(Ptr, other.Ptr), other);

    public Tensor eq(Tensor other) => Wrap(NativeMethods.trp_ops_eq(Ptr, other.Ptr), other);
    public Tensor eq(Scalar other) => Wrap(NativeMethods.trp_ops_eq_scalar(Ptr, other.Value, other.Integral));
    public Tensor ne(Tensor other) => Wrap(NativeMethods.trp_ops_ne(Ptr, other.Ptr), other);
    public Tensor ne(Scalar other) => Wrap(NativeMethods.trp_ops_ne_scalar(Ptr, other.Value, other.Integral));
    public Tensor lt(Tensor other) => Wrap(NativeMethods.trp_ops_lt(Ptr, other.Ptr), other);
    public Tensor lt(Scalar other) => Wrap(NativeMethods.trp_ops_lt_scalar(Ptr, other.Value, other.Integral));
    public Tensor le(Tensor other) => Wrap(NativeMethods.trp_ops_le(Ptr, other.Ptr), other);
    public Tensor le(Scalar other) => Wrap(NativeMethods.trp_ops_le_scalar(Ptr, other.Value, other.Integral));
    public Tensor gt(Tensor other) => Wrap(NativeMethods.trp_ops_gt(Ptr, other.Ptr), other);
    public Tensor gt(Scalar other) => Wrap(NativeMethods.trp_ops_gt_scalar(Ptr, other.Value, other.Integral));
    public Tensor ge(Tensor other) => Wrap(NativeMethods.trp_ops_ge(Ptr, other.Ptr), other);
    public Tensor ge(Scalar other) => Wrap(NativeMethods.trp_ops_ge_scalar(Ptr, other.Value, other.Integral));
    public Tensor logical_and(Tensor other) => Wrap(NativeMethods.trp_ops_logical_and(Ptr, other.Ptr), other);
    public Tensor logical_or(Tensor other) => Wrap(NativeMethods.trp_ops_logical_or(Ptr, other.Ptr), other);
    public Tensor logical_not() => Wrap(NativeMethods.trp_ops_logical_not(Ptr));

    /// <summary>Elements where <paramref name="mask"/> (bool, broadcastable) is true become <paramref name="value"/>.</summary>
    public Tensor masked_fill(Tensor mask, Scalar value) => Wrap(NativeMethods.trp_ops_masked_fill(Ptr, mask.Ptr, value.Value, value.Integral), mask);
    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-d tensor.</summary>
    public Tensor masked_select(Tensor mask) => Wrap(NativeMethods.trp_ops_masked_select(Ptr, mask.Ptr), mask);

    // ---- in place: these return this tensor ----
    public Tensor add_(Tensor other, double alpha = 1) => InPlace(NativeMethods.trp_ops_add_(Ptr, other.Ptr, alpha), other);
    public Tensor add_(Scalar other) => InPlace(NativeMethods.trp_ops_add_scalar_(Ptr, other.Value, other.Integral));
    public Tensor sub_(Tensor other, double alpha = 1) => InPlace(NativeMethods.trp_ops_sub_(Ptr, other.Ptr, alpha), other);
    public Tensor sub_(Scalar other) => InPlace(NativeMethods.trp_ops_sub_scalar_(Ptr, other.Value, other.Integral));
    public Tensor mul_(Tensor other) => InPlace(NativeMethods.trp_ops_mul_(Ptr, other.Ptr), other);
    public Tensor mul_(Scalar other) => InPlace(NativeMethods.trp_ops_mul_scalar_(Ptr, other.Value, other.Integral));
    public Tensor div_(Tensor other) => InPlace(NativeMethods.trp_ops_div_(Ptr, other.Ptr), other);
    public Tensor div_(Scalar other) => InPlace(NativeMethods.trp_ops_div_scalar_(Ptr, other.Value, other.Integral));
    /// <summary>Copies <paramref name="source"/> (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor source) => InPlace(NativeMethods.trp_ops_copy_(Ptr, source.Ptr), source);
    public Tensor fill_(Scalar value) => InPlace(NativeMethods.trp_ops_fill_(Ptr, value.Value, value.Integral));
    public Tensor masked_fill_(Tensor mask, Scalar value) => InPlace(NativeMethods.trp_ops_masked_fill_(Ptr, mask.Ptr, value.Value, value.Integral), mask);
    public Tensor clamp_(double? min = null, double? max = null)
        => InPlace(NativeMethods.trp_ops_clamp_(Ptr, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
}
