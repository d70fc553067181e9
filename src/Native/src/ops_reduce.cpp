// Reductions, sorting and selection (trp_ops_*). A dtype argument < 0 means "keep the default".
#include "handles.h"

using trp::T;
using trp::wrap;

namespace {
c10::optional<at::ScalarType> dtype_or_default(int dtype) {
  if (dtype < 0) return c10::nullopt;
  return static_cast<at::ScalarType>(dtype);
}
// Two results (values, indices) into *v and *i.
int pair(std::tuple<at::Tensor, at::Tensor> result, trp_tensor* v, trp_tensor* i) {
  *v = wrap(std::get<0>(result));
  *i = wrap(std::get<1>(result));
  return 0;
}
}  // namespace

extern "C" {

TRP_API trp_tensor trp_ops_sum(trp_tensor a, int dtype) { TRP_TENSOR(at::sum(T(a), dtype_or_default(dtype))) }
TRP_API trp_tensor trp_ops_sum_dims(trp_tensor a, const int64_t* dims, int n, int keepdim, int dtype) {
  TRP_TENSOR(at::sum(T(a), trp::dims(dims, n), keepdim != 0, dtype_or_default(dtype)))
}
TRP_API trp_tensor trp_ops_mean(trp_tensor a) { TRP_TENSOR(at::mean(T(a))) }
TRP_API trp_tensor trp_ops_mean_dims(trp_tensor a, const int64_t* dims, int n, int keepdim) {
  TRP_TENSOR(at::mean(T(a), trp::dims(dims, n), keepdim != 0))
}
TRP_API trp_tensor trp_ops_prod(trp_tensor a) { TRP_TENSOR(at::prod(T(a))) }
TRP_API trp_tensor trp_ops_max(trp_tensor a) { TRP_TENSOR(at::max(T(a))) }
TRP_API trp_tensor trp_ops_min(trp_tensor a) { TRP_TENSOR(at::min(T(a))) }
TRP_API int trp_ops_max_dim(trp_tensor a, int64_t dim, int keepdim, trp_tensor* values, trp_tensor* indices) {
  TRP_GUARD(-1, { return pair(at::max(T(a), dim, keepdim != 0), values, indices); })
}
TRP_API int trp_ops_min_dim(trp_tensor a, int64_t dim, int keepdim, trp_tensor* values, trp_tensor* indices) {
  TRP_GUARD(-1, { return pair(at::min(T(a), dim, keepdim != 0), values, indices); })
}
// has_dim = 0: over the flattened tensor.
TRP_API trp_tensor trp_ops_argmax(trp_tensor a, int has_dim, int64_t dim, int keepdim) {
  TRP_TENSOR(at::argmax(T(a), has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
TRP_API trp_tensor trp_ops_argmin(trp_tensor a, int has_dim, int64_t dim, int keepdim) {
  TRP_TENSOR(at::argmin(T(a), has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
}
// n = 0 reduces over every dimension.
TRP_API trp_tensor trp_ops_std(trp_tensor a, const int64_t* dims, int n, int unbiased, int keepdim) {
  TRP_TENSOR(n == 0 ? at::std(T(a), unbiased != 0) : at::std(T(a), trp::dims(dims, n), unbiased != 0, keepdim != 0))
}
TRP_API trp_tensor trp_ops_var(trp_tensor a, const int64_t* dims, int n, int unbiased, int keepdim) {
  TRP_TENSOR(n == 0 ? at::var(T(a), unbiased != 0) : at::var(T(a), trp::dims(dims, n), unbiased != 0, keepdim != 0))
}
TRP_API trp_tensor trp_ops_norm(trp_tensor a, double p) { TRP_TENSOR(at::norm(T(a), p)) }
TRP_API trp_tensor trp_ops_logsumexp(trp_tensor a, const int64_t* dims, int n, int keepdim) {
  TRP_TENSOR(at::logsumexp(T(a), trp::dims(dims, n), keepdim != 0))
}
TRP_API trp_tensor trp_ops_cumsum(trp_tensor a, int64_t dim) { TRP_TENSOR(at::cumsum(T(a), dim)) }
TRP_API trp_tensor trp_ops_all(trp_tensor a) { TRP_TENSOR(at::all(T(a))) }
TRP_API trp_tensor trp_ops_any(trp_tensor a) { TRP_TENSOR(at::any(T(a))) }
TRP_API trp_tensor trp_ops_allclose_mask(trp_tensor a, trp_tensor b, double rtol, double atol) {
  TRP_TENSOR(at::isclose(T(a), T(b), rtol, atol))
}
TRP_API int trp_ops_topk(trp_tensor a, int64_t k, int64_t dim, int largest, int sorted, trp_tensor* values, trp_tensor* indices) {
  TRP_GUARD(-1, { return pair(at::topk(T(a), k, dim, largest != 0, sorted != 0), values, indices); })
}
TRP_API int trp_ops_sort(trp_tensor a, int64_t dim, int descending, trp_tensor* values, trp_tensor* indices) {
  TRP_GUARD(-1, { return pair(at::sort(T(a), dim, descending != 0), values, indices); })
}
TRP_API trp_tensor trp_ops_argsort(trp_tensor a, int64_t dim, int descending) { TRP_TENSOR(at::argsort(T(a), dim, descending != 0)) }

}  // extern "C"
