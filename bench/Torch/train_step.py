# PyTorch side of the TorchSharp training-step benchmark (Debian's python3-torch, PyTorch 1.13.1):
#   /usr/bin/python3 train_step.py steps <steps>   one line: pytorch steps/s <best of 3 runs> per-cpu-s <steps per CPU-second>
#   /usr/bin/python3 train_step.py rss <steps>     RSS before/after <steps> training steps
# The same model and loop as Program.cs: vocab 30, embedding 64, LSTM(64, 2 layers, batch first),
# linear to 30, batch 64, seq 16, cross-entropy, AdamW(lr 1e-3), loss.item() every step, 1 thread.
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB, HIDDEN, LAYERS, BATCH, SEQ = 30, 64, 2, 64, 16


class LstmLanguageModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.i_h = nn.Embedding(VOCAB, HIDDEN)
        self.rnn = nn.LSTM(HIDDEN, HIDDEN, LAYERS, batch_first=True)
        self.h_o = nn.Linear(HIDDEN, VOCAB)
        self.state = None

    def forward(self, x):
        output, (h, c) = self.rnn(self.i_h(x), self.state)
        self.state = (h.detach(), c.detach())  # truncated BPTT, as the model actors train
        return self.h_o(output)


def rss_megabytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024


def main():
    mode, steps = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(1)
    torch.manual_seed(42)
    model = LstmLanguageModel()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    xs = [torch.randint(VOCAB, (BATCH, SEQ)) for _ in range(8)]
    ys = [torch.randint(VOCAB, (BATCH, SEQ)) for _ in range(8)]
    counter = [0]

    def step():
        i = counter[0] % len(xs)
        output = model(xs[i])
        loss = F.cross_entropy(output.view(-1, VOCAB), ys[i].view(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        counter[0] += 1
        return loss.item()

    for _ in range(50):
        step()
    if mode == "steps":
        best = best_cpu = 0.0
        for _ in range(3):
            cpu, start = time.process_time(), time.perf_counter()
            for _ in range(steps):
                step()
            best = max(best, steps / (time.perf_counter() - start))
            best_cpu = max(best_cpu, steps / (time.process_time() - cpu))
        print(f"pytorch steps/s {best:.1f} per-cpu-s {best_cpu:.1f}", flush=True)
    else:
        rss0 = rss_megabytes()
        loss = 0.0
        for _ in range(steps):
            loss = step()
        rss1 = rss_megabytes()
        print(f"pytorch rss {steps} steps: {rss0:.1f} MB -> {rss1:.1f} MB, growth {rss1 - rss0:.1f} MB; last loss {loss:.4f}",
              flush=True)


main()
