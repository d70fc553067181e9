// Serialization of named tensor sets (state dicts, optimizer state, checkpoints).
//
// The format is PyTorch's own: torch::pickle_save of an ordered dict str -> Tensor, the zip archive
// `torch.save(dict)` writes in Python. So a checkpoint written here loads with `torch.load` and a
// state dict saved by PyTorch loads here. Tensors are stored detached, on the CPU, each with its
// own storage (a view never drags its whole base along); loading yields CPU tensors in file order.
// libtorch's zip reader skips CRC checks, so loading first verifies the archive's structure and the
// CRC-32 of every record: a truncated or bit-flipped checkpoint is refused, never half-loaded.
#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <unordered_set>
#include "handles.h"

using trp::T;
using trp::wrap;

namespace {

struct TensorDict {
  std::vector<std::string> names;
  std::vector<at::Tensor> tensors;
};

struct Bytes {
  std::vector<char> data;
};

TensorDict& D(trp_tensor_dict h) {
  if (h == nullptr) throw std::invalid_argument("null tensor dict handle");
  return *reinterpret_cast<TensorDict*>(h);
}

Bytes& B(trp_bytes h) {
  if (h == nullptr) throw std::invalid_argument("null byte buffer handle");
  return *reinterpret_cast<Bytes*>(h);
}

// The tensor as it is written: detached, CPU, contiguous and owning exactly its bytes.
at::Tensor storable(const at::Tensor& t) {
  auto c = t.detach().to(at::kCPU).contiguous();
  if (c.storage_offset() != 0 || c.storage().nbytes() != c.nbytes()) c = c.clone();
  return c;
}

std::vector<char> pickle_named(const char* const* names, const trp_tensor* tensors, int count) {
  if (count < 0) throw std::invalid_argument("expected a tensor count >= 0, got " + std::to_string(count));
  if (count > 0 && (names == nullptr || tensors == nullptr))
    throw std::invalid_argument("expected name and tensor arrays, got NULL");
  c10::impl::GenericDict dict(c10::StringType::get(), c10::TensorType::get());
  std::unordered_set<std::string> seen;
  for (int i = 0; i < count; ++i) {
    if (names[i] == nullptr || names[i][0] == '\0')
      throw std::invalid_argument("expected a non-empty name at index " + std::to_string(i));
    std::string name(names[i]);
    if (!seen.insert(name).second) throw std::invalid_argument("expected unique names, got '" + name + "' twice");
    if (tensors[i] == nullptr) throw std::invalid_argument("expected a tensor for '" + name + "', got NULL");
    dict.insert(name, storable(T(tensors[i])));
  }
  return torch::pickle_save(dict);
}

// ---- archive integrity: the zip central directory and the CRC-32 of every stored record ----

// CRC-32 (IEEE, as zip uses it), slicing by 8.
const std::array<std::array<uint32_t, 256>, 8>& crc_tables() {
  static const auto tables = [] {
    std::array<std::array<uint32_t, 256>, 8> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; ++i)
      for (int k = 1; k < 8; ++k) t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xFF];
    return t;
  }();
  return tables;
}

uint32_t crc32(const unsigned char* p, size_t n) {
  const auto& t = crc_tables();
  uint32_t c = 0xFFFFFFFFu;
  for (; n >= 8; n -= 8, p += 8) {
    uint32_t lo = c ^ (uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24);
    uint32_t hi = uint32_t(p[4]) | uint32_t(p[5]) << 8 | uint32_t(p[6]) << 16 | uint32_t(p[7]) << 24;
    c = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24] ^ t[3][hi & 0xFF] ^
        t[2][(hi >> 8) & 0xFF] ^ t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24];
  }
  while (n-- > 0) c = t[0][(c ^ *p++) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

struct Reader {
  const unsigned char* data;
  size_t size;
  const std::string& source;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("expected a tensor archive (torch.save zip format) in " + source + " (" +
                             std::to_string(size) + " bytes): " + what);
  }
  void need(uint64_t offset, uint64_t length, const std::string& what) const {
    if (offset > size || length > size - offset) fail(what + " extends past the end (truncated?)");
  }
  uint64_t le(uint64_t offset, int bytes) const {
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | data[offset + i];
    return v;
  }
};

// Throws unless `bytes` is a complete zip whose stored records all match their CRC-32. Returns
// whether the pickle names collections.OrderedDict (which libtorch's unpickler reads as None).
bool verify_archive(const std::vector<char>& bytes, const std::string& source) {
  bool ordered_dict = false;
  Reader r{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), source};
  if (r.size < 22) r.fail("too short for a zip archive");
  // End of central directory: 22 bytes plus a comment of at most 64 KiB, at the very end.
  uint64_t eocd = UINT64_MAX;
  for (uint64_t pos = r.size - 22;; --pos) {
    if (r.le(pos, 4) == 0x06054b50 && pos + 22 + r.le(pos + 20, 2) == r.size) {
      eocd = pos;
      break;
    }
    if (pos == 0 || r.size - pos > 22 + 0xFFFF) break;
  }
  if (eocd == UINT64_MAX) r.fail("no zip end-of-central-directory record (truncated or not an archive)");
  uint64_t entries = r.le(eocd + 10, 2), cd_size = r.le(eocd + 12, 4), cd_offset = r.le(eocd + 16, 4);
  if (entries == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {  // zip64
    if (eocd < 20 || r.le(eocd - 20, 4) != 0x07064b50) r.fail("a zip64 archive without its zip64 locator");
    uint64_t z64 = r.le(eocd - 20 + 8, 8);
    r.need(z64, 56, "the zip64 end-of-central-directory record");
    if (r.le(z64, 4) != 0x06064b50) r.fail("a zip64 locator pointing at no zip64 record");
    entries = r.le(z64 + 32, 8);
    cd_size = r.le(z64 + 40, 8);
    cd_offset = r.le(z64 + 48, 8);
  }
  r.need(cd_offset, cd_size, "the zip central directory");
  uint64_t pos = cd_offset;
  for (uint64_t i = 0; i < entries; ++i) {
    r.need(pos, 46, "a central directory entry");
    if (r.le(pos, 4) != 0x02014b50) r.fail("a damaged central directory entry " + std::to_string(i));
    uint64_t method = r.le(pos + 10, 2), crc = r.le(pos + 16, 4), csize = r.le(pos + 20, 4), usize = r.le(pos + 24, 4);
    uint64_t n = r.le(pos + 28, 2), m = r.le(pos + 30, 2), k = r.le(pos + 32, 2), local = r.le(pos + 42, 4);
    r.need(pos + 46, n + m + k, "a central directory entry");
    std::string name(reinterpret_cast<const char*>(r.data + pos + 46), n);
    // Zip64 sizes and offset live in extra field 0x0001, in this order, only where the 32-bit field is all ones.
    for (uint64_t e = pos + 46 + n; e + 4 <= pos + 46 + n + m;) {
      uint64_t id = r.le(e, 2), len = r.le(e + 2, 2), f = e + 4;
      if (id == 0x0001) {
        for (uint64_t* field : {&usize, &csize, &local})
          if (*field == 0xFFFFFFFF && f + 8 <= e + 4 + len) *field = r.le(f, 8), f += 8;
      }
      e += 4 + len;
    }
    r.need(local, 30, "the local header of record '" + name + "'");
    if (r.le(local, 4) != 0x04034b50) r.fail("a damaged local header for record '" + name + "'");
    uint64_t start = local + 30 + r.le(local + 26, 2) + r.le(local + 28, 2);
    r.need(start, csize, "record '" + name + "'");
    if (method == 0) {  // stored, as torch.save writes every record
      if (csize != usize) r.fail("record '" + name + "' stored with differing sizes");
      uint32_t actual = crc32(r.data + start, csize);
      if (actual != crc) {
        char text[64];
        std::snprintf(text, sizeof text, "CRC-32 %08x, got %08x", static_cast<unsigned>(crc), actual);
        r.fail("record '" + name + "' is corrupt: expected " + text);
      }
      static const std::string marker = "collections\nOrderedDict\n";
      if (name.size() >= 8 && name.compare(name.size() - 8, 8, "data.pkl") == 0)
        ordered_dict = std::search(r.data + start, r.data + start + csize, marker.begin(), marker.end()) !=
                       r.data + start + csize;
    }
    pos += 46 + n + m + k;
  }
  return ordered_dict;
}

TensorDict* unpickle_named(const std::vector<char>& data, const std::string& source) {
  bool ordered_dict = verify_archive(data, source);
  c10::IValue value;
  try {
    value = torch::pickle_load(data);
  } catch (const c10::Error& e) {
    if (ordered_dict)
      throw std::runtime_error("expected a plain dict of str -> Tensor in " + source +
                               ", got a Python OrderedDict, which libtorch cannot read: save dict(model.state_dict())");
    throw std::runtime_error("expected a tensor archive (torch.save zip format) in " + source + ", got unreadable data (" +
                             std::to_string(data.size()) + " bytes): " + e.what_without_backtrace());
  }
  if (!value.isGenericDict())
    throw std::runtime_error("expected a dict of str -> Tensor in " + source + ", got " + value.tagKind());
  auto result = std::make_unique<TensorDict>();
  for (const auto& entry : value.toGenericDict()) {
    if (!entry.key().isString())
      throw std::runtime_error("expected str keys in " + source + ", got " + entry.key().tagKind());
    auto name = entry.key().toStringRef();
    if (!entry.value().isTensor())
      throw std::runtime_error("expected a Tensor for '" + name + "' in " + source + ", got " + entry.value().tagKind());
    result->names.push_back(name);
    result->tensors.push_back(entry.value().toTensor());
  }
  return result.release();
}

}  // namespace

extern "C" {

TRP_API int trp_serialize_save_file(const char* const* names, const trp_tensor* tensors, int count, const char* path) {
  TRP_STATUS({
    if (path == nullptr || path[0] == '\0') throw std::invalid_argument("expected a file path, got an empty one");
    auto data = pickle_named(names, tensors, count);
    // Write beside the target and rename: a crash mid-write never leaves a torn checkpoint behind.
    std::string tmp = std::string(path) + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) throw std::runtime_error("cannot open '" + tmp + "' for writing: " + std::strerror(errno));
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
      out.flush();
      if (!out) throw std::runtime_error("cannot write '" + tmp + "': " + std::strerror(errno));
    }
    if (std::rename(tmp.c_str(), path) != 0) {
      auto reason = std::string(std::strerror(errno));
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot move '" + tmp + "' to '" + path + "': " + reason);
    }
  })
}

TRP_API trp_bytes trp_serialize_save_bytes(const char* const* names, const trp_tensor* tensors, int count) {
  TRP_GUARD(nullptr, {
    auto bytes = std::make_unique<Bytes>();
    bytes->data = pickle_named(names, tensors, count);
    return reinterpret_cast<trp_bytes>(bytes.release());
  })
}

TRP_API int trp_serialize_bytes_view(trp_bytes h, const void** data, int64_t* size) {
  TRP_STATUS({
    auto& b = B(h);
    *data = b.data.data();
    *size = static_cast<int64_t>(b.data.size());
  })
}

TRP_API void trp_serialize_bytes_free(trp_bytes h) { delete reinterpret_cast<Bytes*>(h); }

TRP_API trp_tensor_dict trp_serialize_load_file(const char* path) {
  TRP_GUARD(nullptr, {
    if (path == nullptr || path[0] == '\0') throw std::invalid_argument("expected a file path, got an empty one");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open '" + std::string(path) + "': " + std::strerror(errno));
    std::vector<char> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw std::runtime_error("cannot read '" + std::string(path) + "'");
    return reinterpret_cast<trp_tensor_dict>(unpickle_named(data, "'" + std::string(path) + "'"));
  })
}

TRP_API trp_tensor_dict trp_serialize_load_bytes(const void* data, int64_t size) {
  TRP_GUARD(nullptr, {
    if (size < 0) throw std::invalid_argument("expected a byte count >= 0, got " + std::to_string(size));
    if (size > 0 && data == nullptr) throw std::invalid_argument("expected a byte buffer, got NULL");
    const char* p = static_cast<const char*>(data);
    std::vector<char> bytes(p, p + size);
    return reinterpret_cast<trp_tensor_dict>(unpickle_named(bytes, "the byte buffer"));
  })
}

TRP_API int trp_serialize_dict_count(trp_tensor_dict h) {
  TRP_GUARD(-1, { return static_cast<int>(D(h).names.size()); })
}

namespace {
size_t checked_index(const TensorDict& d, int index) {
  if (index < 0 || static_cast<size_t>(index) >= d.names.size())
    throw std::out_of_range("expected an entry index in [0, " + std::to_string(d.names.size()) + "), got " +
                            std::to_string(index));
  return static_cast<size_t>(index);
}
}  // namespace

// The name stays valid as long as the dict handle.
TRP_API const char* trp_serialize_dict_name(trp_tensor_dict h, int index) {
  TRP_GUARD(nullptr, {
    auto& d = D(h);
    return d.names[checked_index(d, index)].c_str();
  })
}

TRP_API trp_tensor trp_serialize_dict_tensor(trp_tensor_dict h, int index) {
  TRP_GUARD(nullptr, {
    auto& d = D(h);
    return wrap(d.tensors[checked_index(d, index)]);
  })
}

TRP_API void trp_serialize_dict_free(trp_tensor_dict h) { delete reinterpret_cast<TensorDict*>(h); }

}  // extern "C"
