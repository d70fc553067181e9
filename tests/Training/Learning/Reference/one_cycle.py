# Reference values for OneCycleSpecs: fastai 2.7's schedule functions, copied verbatim
# (fastai/callback/schedule.py), evaluated with PyTorch. Run: /usr/bin/python3 one_cycle.py
import math, functools, torch
from torch import tensor

def SchedCos(start, end):
    return lambda pos: start + (1 + math.cos(math.pi*(1-pos))) * (end-start) / 2

def SchedExp(start, end):
    return lambda pos: start * (end/start) ** pos

def combine_scheds(pcts, scheds):
    assert sum(pcts) == 1.
    pcts = tensor([0] + list(pcts))
    assert torch.all(pcts >= 0)
    pcts = torch.cumsum(pcts, 0)
    pct_lim = len(pcts) - 2
    def _inner(pos):
        idx = min((pos >= pcts).nonzero().max(), pct_lim)
        actual_pos = (pos-pcts[idx]) / (pcts[idx+1]-pcts[idx])
        return scheds[idx](actual_pos.item())
    return _inner

def combined_cos(pct, start, middle, end):
    return combine_scheds([pct,1-pct], [SchedCos(start, middle), SchedCos(middle, end)])

# fit_one_cycle(15, 1e-2) over 49 batches per epoch, pct_train as TrainEvalCallback accumulates it.
lr_max, div, div_final, pct_start = 1e-2, 25., 1e5, 0.25
lr = combined_cos(pct_start, lr_max/div, lr_max, lr_max/div_final)
mom = combined_cos(pct_start, 0.95, 0.85, 0.95)
n_epoch, n_iter = 15, 49
rows = []
for epoch in range(n_epoch):
    pct = epoch / n_epoch
    for i in range(n_iter):
        rows.append((epoch, i, pct, lr(pct), mom(pct)))
        pct += 1. / (n_iter * n_epoch)
for k in [0, 1, 2, 48, 49, 183, 184, 367, 500, 734]:
    e, i, p, l, m = rows[k]
    print(f"[InlineData({e}, {i}, {p!r}, {l!r}, {m!r})]")
print("exp", repr(SchedExp(1e-7, 10)(0.37)))

# fastai 2.7's lr_find suggestion functions (fastai/callback/schedule.py), verbatim.
def valley(lrs, losses, num_it):
    n = len(losses)
    max_start, max_end = 0,0
    lds = [1]*n
    for i in range(1,n):
        for j in range(0,i):
            if (losses[i] < losses[j]) and (lds[i] < lds[j] + 1):
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    idx = max_start + int(sections) + int(sections/2)
    return float(lrs[idx])

def minimum(lrs, losses, num_it):
    return lrs[losses.argmin()].item()/10

def steep(lrs, losses, num_it):
    grads = (losses[1:]-losses[:-1]) / (lrs[1:].log()-lrs[:-1].log())
    return lrs[grads.argmin()].item()

lrs = torch.tensor([1e-7 * (10/1e-7) ** (i/99) for i in range(100)], dtype=torch.float64)
losses = torch.tensor([3.0 - 2.0 * math.sin(i/40) ** 2 + (0.3 * (i - 70) if i > 70 else 0) + 0.05 * math.sin(i) for i in range(100)], dtype=torch.float64)
print("valley", repr(valley(lrs, losses, 100)), "minimum", repr(minimum(lrs, losses, 100)), "steep", repr(steep(lrs, losses, 100)))
