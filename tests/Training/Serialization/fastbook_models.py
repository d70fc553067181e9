# fastbook chapter 12's LMModel4 and LMModel7 as plain PyTorch modules (fastai's Module without fastai), for
# PyTorchInteropSpecs: run by /usr/bin/python3 (python3-torch). Hidden state starts at zeros and is kept, detached,
# from one forward to the next, as in the book.
#
#   fastbook_models.py load MODEL WEIGHTS INPUTS OUTPUTS           weights Troupe saved -> outputs
#   fastbook_models.py save MODEL SEED WEIGHTS INPUTS OUTPUTS      seeded weights saved here -> outputs
#
# MODEL is lmmodel4 (vocab 30, hidden 16) or lmmodel7 (vocab 30, hidden 16, 2 layers, p 0.4). INPUTS holds int64
# ids x0, x1 [bs, sl]; OUTPUTS gets out0, out1 (logits of two consecutive calls, eval mode) as a dict of tensors.
import sys

import torch
import torch.nn.functional as F
from torch import nn


class LMModel4(nn.Module):
    def __init__(self, vocab_sz, n_hidden):
        super().__init__()
        self.i_h = nn.Embedding(vocab_sz, n_hidden)
        self.h_h = nn.Linear(n_hidden, n_hidden)
        self.h_o = nn.Linear(n_hidden, vocab_sz)
        self.h = 0

    def forward(self, x):
        outs = []
        for i in range(x.shape[1]):
            self.h = self.h + self.i_h(x[:, i])
            self.h = F.relu(self.h_h(self.h))
            outs.append(self.h_o(self.h))
        self.h = self.h.detach()
        return torch.stack(outs, dim=1)

    def reset(self):
        self.h = 0


class LMModel7(nn.Module):
    def __init__(self, vocab_sz, n_hidden, n_layers, p):
        super().__init__()
        self.i_h = nn.Embedding(vocab_sz, n_hidden)
        self.rnn = nn.LSTM(n_hidden, n_hidden, n_layers, batch_first=True)
        self.drop = nn.Dropout(p)
        self.h_o = nn.Linear(n_hidden, vocab_sz)
        self.h_o.weight = self.i_h.weight
        self.h = None

    def forward(self, x):
        raw, h = self.rnn(self.i_h(x), self.h)
        out = self.drop(raw)
        self.h = [h_.detach() for h_ in h]
        return self.h_o(out)

    def reset(self):
        self.h = None


def create(name):
    if name == "lmmodel4":
        return LMModel4(30, 16)
    if name == "lmmodel7":
        return LMModel7(30, 16, 2, 0.4)
    raise SystemExit(f"expected lmmodel4 or lmmodel7, got {name}")


def run(model, inputs_path, outputs_path):
    inputs = torch.load(inputs_path)
    model.eval()
    with torch.no_grad():
        outputs = {"out0": model(inputs["x0"]), "out1": model(inputs["x1"])}
    torch.save(outputs, outputs_path)


def main(argv):
    if len(argv) == 5 and argv[0] == "load":
        model = create(argv[1])
        model.load_state_dict(torch.load(argv[2]))
        run(model, argv[3], argv[4])
    elif len(argv) == 6 and argv[0] == "save":
        torch.manual_seed(int(argv[2]))
        model = create(argv[1])
        torch.save(model.state_dict(), argv[3])
        run(model, argv[4], argv[5])
    else:
        raise SystemExit("usage: fastbook_models.py load MODEL WEIGHTS INPUTS OUTPUTS | save MODEL SEED WEIGHTS INPUTS OUTPUTS")


if __name__ == "__main__":
    main(sys.argv[1:])
