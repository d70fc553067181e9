"""Chapter 12's LMModel1-7 in PyTorch with a fastai-equivalent loop (the reference for Troupe.Training.Bench).

usage: book_models.py <data folder> <model> [epochs]
prints: pytorch <model> <epochs> <fit s> <train tok/s> <cpu s> <accuracy>

The loop is what fastai's Learner runs for the book's recipes, without fastai's Python callback machinery
(so it is a lean reference): fit_one_cycle's cosine lr/mom schedules, fastai's Adam (decoupled wd, no wd on
Linear biases), ModelResetter, RNNRegularizer(alpha, beta) for LMModel7, CrossEntropyLossFlat, a validation
pass per epoch with accuracy. Same data pipeline as the book (group_chunks, drop_last).
"""
import math, resource, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
folder, name = sys.argv[1], sys.argv[2]
RECIPES = {"lmmodel1": (4, 1e-3, 0.01, 0, 0), "lmmodel2": (4, 1e-3, 0.01, 0, 0), "lmmodel3": (10, 3e-3, 0.01, 0, 0),
           "lmmodel4": (15, 3e-3, 0.01, 0, 0), "lmmodel5": (15, 3e-3, 0.01, 0, 0), "lmmodel6": (15, 1e-2, 0.01, 0, 0),
           "lmmodel7": (15, 1e-2, 0.1, 2, 1)}
epochs, lr_max, wd, alpha, beta = RECIPES[name]
if len(sys.argv) > 3: epochs = int(sys.argv[3])

lines = []
for f in ("train.txt", "valid.txt"):
    with open(f"{folder}/{f}") as fh: lines += fh.readlines()
tokens = " . ".join(l.strip() for l in lines).split(" ")
vocab = list(dict.fromkeys(tokens))
w2i = {w: i for i, w in enumerate(vocab)}
nums = [w2i[t] for t in tokens]
bs = 64

def group_chunks(ds, bs):
    m = len(ds) // bs
    return [ds[i + m * j] for i in range(m) for j in range(bs)]

def batches(ds, drop_last):
    n = len(ds) // bs * bs if drop_last else len(ds)
    out = []
    for i in range(0, n, bs):
        chunk = ds[i:i + bs]
        out.append((torch.stack([c[0] for c in chunk]), torch.stack([c[1] for c in chunk])))
    return out

if name in ("lmmodel1", "lmmodel2", "lmmodel3"):
    seqs = [(torch.tensor(nums[i:i + 3]), torch.tensor(nums[i + 3])) for i in range(0, len(nums) - 4, 3)]
else:
    sl = 16
    seqs = [(torch.tensor(nums[i:i + sl]), torch.tensor(nums[i + 1:i + sl + 1])) for i in range(0, len(nums) - sl - 1, sl)]
cut = int(len(seqs) * 0.8)
if name in ("lmmodel1", "lmmodel2"):
    train, valid = batches(seqs[:cut], True), batches(seqs[cut:], False)
else:
    train, valid = batches(group_chunks(seqs[:cut], bs), True), batches(group_chunks(seqs[cut:], bs), True)

class LMModel1(nn.Module):
    def __init__(s, v, nh): super().__init__(); s.i_h = nn.Embedding(v, nh); s.h_h = nn.Linear(nh, nh); s.h_o = nn.Linear(nh, v)
    def forward(s, x):
        h = F.relu(s.h_h(s.i_h(x[:, 0]))); h = h + s.i_h(x[:, 1]); h = F.relu(s.h_h(h)); h = h + s.i_h(x[:, 2]); h = F.relu(s.h_h(h))
        return s.h_o(h)
    def reset(s): pass

class LMModel2(LMModel1):
    def forward(s, x):
        h = 0
        for i in range(3): h = F.relu(s.h_h(h + s.i_h(x[:, i])))
        return s.h_o(h)

class LMModel3(LMModel1):
    def __init__(s, v, nh): super().__init__(v, nh); s.h = 0
    def forward(s, x):
        for i in range(3): s.h = F.relu(s.h_h(s.h + s.i_h(x[:, i])))
        out = s.h_o(s.h); s.h = s.h.detach(); return out
    def reset(s): s.h = 0

class LMModel4(LMModel3):
    def forward(s, x):
        outs = []
        for i in range(x.shape[1]):
            s.h = F.relu(s.h_h(s.h + s.i_h(x[:, i]))); outs.append(s.h_o(s.h))
        s.h = s.h.detach(); return torch.stack(outs, dim=1)

class LMModel5(nn.Module):
    def __init__(s, v, nh, nl, cell=nn.RNN):
        super().__init__(); s.i_h = nn.Embedding(v, nh); s.rnn = cell(nh, nh, nl, batch_first=True); s.h_o = nn.Linear(nh, v); s.h = None
    def forward(s, x):
        res, h = s.rnn(s.i_h(x), s.h); s.h = h.detach() if torch.is_tensor(h) else tuple(t.detach() for t in h); return s.h_o(res)
    def reset(s): s.h = None

class LMModel7(nn.Module):
    def __init__(s, v, nh, nl, p):
        super().__init__(); s.i_h = nn.Embedding(v, nh); s.rnn = nn.LSTM(nh, nh, nl, batch_first=True); s.drop = nn.Dropout(p)
        s.h_o = nn.Linear(nh, v); s.h_o.weight = s.i_h.weight; s.h = None
    def forward(s, x):
        raw, h = s.rnn(s.i_h(x), s.h); out = s.drop(raw); s.h = tuple(t.detach() for t in h); return s.h_o(out), raw, out
    def reset(s): s.h = None

torch.manual_seed(42)
v = len(vocab)
model = {"lmmodel1": lambda: LMModel1(v, 64), "lmmodel2": lambda: LMModel2(v, 64), "lmmodel3": lambda: LMModel3(v, 64),
         "lmmodel4": lambda: LMModel4(v, 64), "lmmodel5": lambda: LMModel5(v, 64, 2), "lmmodel6": lambda: LMModel5(v, 64, 2, nn.LSTM),
         "lmmodel7": lambda: LMModel7(v, 64, 2, 0.4)}[name]()

params = list(dict((id(p), (n, p)) for n, p in model.named_parameters()).values())
state = {id(p): (torch.zeros_like(p), torch.zeros_like(p)) for _, p in params}
decay = {id(p): not (n.endswith("bias") and n.startswith("h_")) for n, p in params}
steps = [0]

def adam_step(lr, mom, sqr_mom=0.99, eps=1e-5):
    steps[0] += 1
    step = steps[0]
    with torch.no_grad():
        for _, p in params:
            if p.grad is None: continue
            if decay[id(p)]: p.mul_(1 - lr * wd)
            g_avg, s_avg = state[id(p)]
            g_avg.mul_(mom).add_(p.grad, alpha=1 - mom)
            s_avg.mul_(sqr_mom).addcmul_(p.grad, p.grad, value=1 - sqr_mom)
            d1 = (1 - mom) * (1 - mom ** step) / (1 - mom); d2 = (1 - sqr_mom) * (1 - sqr_mom ** step) / (1 - sqr_mom)
            p.addcdiv_(g_avg, (s_avg / d2).sqrt() + eps, value=-lr / d1)

def cos(start, end, pos): return start + (1 + math.cos(math.pi * (1 - pos))) * (end - start) / 2
def combined(pos, a, b, c, pct=0.25): return cos(a, b, pos / pct) if pos < pct else cos(b, c, (pos - pct) / (1 - pct))

def loss_flat(pred, y): return F.cross_entropy(pred.view(-1, pred.shape[-1]), y.view(-1))

cpu0 = resource.getrusage(resource.RUSAGE_SELF); clock = time.perf_counter()
n_iter, pct, acc, tok = len(train), 0.0, 0.0, 0
for epoch in range(epochs):
    model.train(); model.reset(); pct = epoch / epochs
    for xb, yb in train:
        lr, mom = combined(pct, lr_max / 25, lr_max, lr_max / 1e5), combined(pct, 0.95, 0.85, 0.95)
        out = model(xb)
        pred, raw, dropped = out if isinstance(out, tuple) else (out, None, None)
        loss = loss_flat(pred, yb)
        if alpha: loss = loss + alpha * dropped.float().pow(2).mean()
        if beta: loss = loss + beta * (raw[:, 1:] - raw[:, :-1]).float().pow(2).mean()
        loss.backward(); adam_step(lr, mom)
        for _, p in params: p.grad.detach_(); p.grad.zero_()
        pct += 1.0 / (n_iter * epochs); tok += yb.numel()
    model.eval(); model.reset(); correct = total = 0
    with torch.no_grad():
        for xb, yb in valid:
            out = model(xb); pred = out[0] if isinstance(out, tuple) else out
            loss_flat(pred, yb).item()
            correct += (pred.argmax(-1) == yb).sum().item(); total += yb.numel()
    acc = correct / total
seconds = time.perf_counter() - clock
cpu1 = resource.getrusage(resource.RUSAGE_SELF)
cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
print(f"pytorch {name} {epochs} {seconds:.2f} {tok / seconds:.0f} {cpu:.2f} {acc:.4f}")
