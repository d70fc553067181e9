# One rank of the PyTorch side of the Gloo allreduce benchmark (Debian's python3-torch 1.13.1: its c10d ProcessGroupGloo):
#   /usr/bin/python3 allreduce.py <rank> <world_size> <port>
# Prints the lines Troupe.Collectives.Bench.Gloo prints (rank 0 only, best of 3 repeats):
#   pytorch <case> <bytes> <iterations> <microseconds per allreduce> <bus bandwidth GB/s>
# The bucket case flattens 16 tensors, allreduces the flat buffer and copies back, as DDP does.
import sys
import time
from datetime import timedelta

import torch
import torch.distributed as dist
from torch._utils import _flatten_dense_tensors, _unflatten_dense_tensors

rank, world_size, port = (int(a) for a in sys.argv[1:4])
torch.set_num_threads(1)
dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=world_size,
                        timeout=timedelta(seconds=60))

cases = [("1KB", 1 << 10, 1, 2000), ("1MB", 1 << 20, 1, 200), ("25MB", 25 << 20, 1, 20),
         ("25MB/16-tensor-bucket", 25 << 20, 16, 20)]


def allreduce(tensors):
    if len(tensors) == 1:
        dist.all_reduce(tensors[0])
        return
    flat = _flatten_dense_tensors(tensors)
    dist.all_reduce(flat)
    for t, synced in zip(tensors, _unflatten_dense_tensors(flat, tensors)):
        t.copy_(synced)


for name, nbytes, count, iterations in cases:
    floats = nbytes // 4
    tensors = [torch.zeros(floats // count) for _ in range(count)]
    for _ in range(max(2, iterations // 10)):
        allreduce(tensors)
    best = float("inf")
    for _ in range(3):
        dist.barrier()
        start = time.perf_counter()
        for _ in range(iterations):
            allreduce(tensors)
        best = min(best, (time.perf_counter() - start) / iterations)
    bus = nbytes / best * 2 * (world_size - 1) / world_size / 1e9
    if rank == 0:
        print(f"pytorch {name:<22} {nbytes:>10} {iterations:>6} {best * 1e6:>12.1f} {bus:>8.3f}", flush=True)
dist.barrier()
dist.destroy_process_group()
