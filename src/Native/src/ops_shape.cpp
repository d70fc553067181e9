// Views, joins, splits and indexing (trp_ops_*). Multi-result ops write handles to a caller
// buffer of `capacity` entries and return how many they wrote (-1 on error).
#include "handles.h"

using trp::T;
using trp::wrap;

extern "C" {

TRP_API trp_tensor trp_ops_view(trp_tensor a, const int64_t* shape, int n) { TRP_TENSOR(T(a).view(trp::dims(shape, n))) }
TRP_API trp_tensor trp_ops_reshape(trp_tensor a, const int64_t* shape, int n) { TRP_TENSOR(T(a).reshape(trp::dims(shape, n))) }
TRP_API trp_tensor trp_ops_expand(trp_tensor a, const int64_t* shape, int n) { TRP_TENSOR(T(a).expand(trp::dims(shape, n))) }
TRP_API trp_tensor trp_ops_permute(trp_tensor a, const int64_t* dims, int n) { TRP_TENSOR(T(a).permute(trp::dims(dims, n))) }
TRP_API trp_tensor trp_ops_repeat(trp_tensor a, const int64_t* repeats, int n) { TRP_TENSOR(T(a).repeat(trp::dims(repeats, n))) }
TRP_API trp_tensor trp_ops_flip(trp_tensor a, const int64_t* dims, int n) { TRP_TENSOR(T(a).flip(trp::dims(dims, n))) }
TRP_API trp_tensor trp_ops_flatten(trp_tensor a, int64_t start, int64_t end) { TRP_TENSOR(T(a).flatten(start, end)) }
TRP_API trp_tensor trp_ops_unflatten(trp_tensor a, int64_t dim, const int64_t* sizes, int n) {
  TRP_TENSOR(T(a).unflatten(dim, trp::dims(sizes, n)))
}
TRP_API trp_tensor trp_ops_transpose(trp_tensor a, int64_t d0, int64_t d1) { TRP_TENSOR(T(a).transpose(d0, d1)) }
TRP_API trp_tensor trp_ops_t(trp_tensor a) { TRP_TENSOR(T(a).t()) }
TRP_API trp_tensor trp_ops_contiguous(trp_tensor a) { TRP_TENSOR(T(a).contiguous()) }
TRP_API int trp_ops_is_contiguous(trp_tensor a) { TRP_GUARD(-1, { return T(a).is_contiguous() ? 1 : 0; }) }
TRP_API trp_tensor trp_ops_squeeze(trp_tensor a) { TRP_TENSOR(T(a).squeeze()) }
TRP_API trp_tensor trp_ops_squeeze_dim(trp_tensor a, int64_t dim) { TRP_TENSOR(T(a).squeeze(dim)) }
TRP_API trp_tensor trp_ops_unsqueeze(trp_tensor a, int64_t dim) { TRP_TENSOR(T(a).unsqueeze(dim)) }
TRP_API trp_tensor trp_ops_narrow(trp_tensor a, int64_t dim, int64_t start, int64_t length) {
  TRP_TENSOR(T(a).narrow(dim, start, length))
}
TRP_API trp_tensor trp_ops_select(trp_tensor a, int64_t dim, int64_t index) { TRP_TENSOR(T(a).select(dim, index)) }
// Python's a[..., start:end:step] along dim (end is clamped like a Python slice).
TRP_API trp_tensor trp_ops_slice(trp_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  TRP_TENSOR(T(a).slice(dim, start, end, step))
}
TRP_API trp_tensor trp_ops_index_select(trp_tensor a, int64_t dim, trp_tensor index) {
  TRP_TENSOR(T(a).index_select(dim, T(index)))
}
TRP_API trp_tensor trp_ops_gather(trp_tensor a, int64_t dim, trp_tensor index) { TRP_TENSOR(at::gather(T(a), dim, T(index))) }
TRP_API trp_tensor trp_ops_scatter(trp_tensor a, int64_t dim, trp_tensor index, trp_tensor src) {
  TRP_TENSOR(at::scatter(T(a), dim, T(index), T(src)))
}
// a[index] with a tensor index (integer or boolean) on the first dimension.
TRP_API trp_tensor trp_ops_index(trp_tensor a, trp_tensor index) {
  TRP_TENSOR(T(a).index({T(index)}))
}
TRP_API trp_tensor trp_ops_tril(trp_tensor a, int64_t diagonal) { TRP_TENSOR(at::tril(T(a), diagonal)) }
TRP_API trp_tensor trp_ops_triu(trp_tensor a, int64_t diagonal) { TRP_TENSOR(at::triu(T(a), diagonal)) }

TRP_API trp_tensor trp_ops_cat(const trp_tensor* list, int count, int64_t dim) { TRP_TENSOR(at::cat(trp::tensors(list, count), dim)) }
TRP_API trp_tensor trp_ops_stack(const trp_tensor* list, int count, int64_t dim) { TRP_TENSOR(at::stack(trp::tensors(list, count), dim)) }

TRP_API int trp_ops_chunk(trp_tensor a, int64_t chunks, int64_t dim, trp_tensor* out, int capacity) {
  TRP_GUARD(-1, { return trp::write_list(T(a).chunk(chunks, dim), out, capacity); })
}
TRP_API int trp_ops_split(trp_tensor a, int64_t size, int64_t dim, trp_tensor* out, int capacity) {
  TRP_GUARD(-1, { return trp::write_list(T(a).split(size, dim), out, capacity); })
}
TRP_API int trp_ops_split_sizes(trp_tensor a, const int64_t* sizes, int n, int64_t dim, trp_tensor* out, int capacity) {
  TRP_GUARD(-1, { return trp::write_list(T(a).split_with_sizes(trp::dims(sizes, n), dim), out, capacity); })
}
TRP_API int trp_ops_unbind(trp_tensor a, int64_t dim, trp_tensor* out, int capacity) {
  TRP_GUARD(-1, { return trp::write_list(T(a).unbind(dim), out, capacity); })
}

}  // extern "C"
