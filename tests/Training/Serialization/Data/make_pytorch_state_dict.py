# Writes the .pt files beside it with PyTorch 1.13.1 (/usr/bin/python3): the interop fixtures of
# tests/Training/Serialization (StateDicts, over TorchSharp.PyBridge). A state dict with dotted names, float32,
# int64 and bool tensors and a 0-d scalar; the same as the OrderedDict that model.state_dict() returns; a
# non-contiguous view alone; and archives that hold no dict of tensors.
from collections import OrderedDict
import torch

base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8 - 0.5
state = OrderedDict()
state["encoder.weight"] = base
state["encoder.bias"] = torch.tensor([1.5, -2.25, 3.0e-8], dtype=torch.float32)
state["steps"] = torch.tensor([0, -1, 2**40, -(2**62)], dtype=torch.int64)
state["mask"] = torch.tensor([[True, False], [False, True]])
state["epoch"] = torch.tensor(7, dtype=torch.int64)
torch.save(dict(state), "pytorch_state_dict.pt")
torch.save(state, "pytorch_ordered_dict.pt")
# A non-contiguous view (a transposed weight), alone: TorchSharp.PyBridge 1.4.4 cannot read it yet.
torch.save({"decoder.weight_t": base.t()}, "pytorch_transposed_view.pt")

# Archives that are valid torch.save output but not a dict of str -> Tensor.
torch.save(torch.tensor([1.0]), "pytorch_tensor.pt")
torch.save({"lr": 0.1, "weight": torch.tensor([1.0])}, "pytorch_dict_with_float.pt")
