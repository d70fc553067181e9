using System.Runtime.InteropServices;

namespace TorchSharp.Native;

// ops.cpp: pointwise arithmetic, comparisons, activations, matmul, conversions.
// Scalars cross as (double value, int integral) so integral scalars keep integer promotion.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_add(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sub(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_mul(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_div(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_pow(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_remainder(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_maximum(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_minimum(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_eq(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ne(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_lt(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_le(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_gt(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ge(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_logical_and(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_logical_or(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_matmul(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_mm(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_bmm(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_outer(IntPtr a, IntPtr b);

    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_add_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sub_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_rsub_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_mul_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_div_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_rdiv_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_pow_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_rpow_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_remainder_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_eq_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ne_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_lt_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_le_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_gt_scalar(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ge_scalar(IntPtr a, double value, int integral);

    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_neg(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_abs(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_exp(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_log(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_log1p(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sqrt(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_rsqrt(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_square(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sin(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_cos(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_tanh(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sigmoid(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_relu(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_gelu(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_silu(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_floor(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_ceil(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_round(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_sign(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_reciprocal(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_logical_not(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_isnan(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_isinf(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_clone(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_leaky_relu(IntPtr a, double slope);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_clamp(IntPtr a, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_where(IntPtr cond, IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_masked_fill(IntPtr a, IntPtr mask, double value, int integral);
    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_masked_select(IntPtr a, IntPtr mask);

    [LibraryImport(Lib)] internal static partial int trp_ops_add_(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial int trp_ops_sub_(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial int trp_ops_mul_(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial int trp_ops_div_(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial int trp_ops_copy_(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial int trp_ops_add_scalar_(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial int trp_ops_sub_scalar_(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial int trp_ops_mul_scalar_(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial int trp_ops_div_scalar_(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial int trp_ops_fill_(IntPtr a, double value, int integral);
    [LibraryImport(Lib)] internal static partial int trp_ops_clamp_(IntPtr a, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Lib)] internal static partial int trp_ops_masked_fill_(IntPtr a, IntPtr mask, double value, int integral);

    [LibraryImport(Lib)] internal static partial IntPtr trp_ops_to(IntPtr a, int dtype, int deviceType, int deviceIndex, int copy);
}
