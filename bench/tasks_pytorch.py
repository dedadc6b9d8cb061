"""The regression and binary baselines of bench/tasks-pytorch.sh, in PyTorch.

Usage: tasks_pytorch.py DIR SEEDS...   (DIR holds {diabetes,breast_cancer}-{train,test}.csv, written here)

The set-up is Chainrule's defaults for the two tasks, written out: inputs (and the diabetes target)
standardized with the training part's mean and population standard deviation; hidden layer 64 relu
with He-normal weights, output with Xavier-normal weights, zero biases; mini-batches of 32 from a
fresh shuffle each epoch; diabetes: 1 identity output, squared error, Adam(lr=0.001), 100 epochs;
breast cancer: 1 sigmoid output, binary NLL (BCELoss), SGD(lr=0.1), 30 epochs. Prints one JSON line
per data set and seed with the test figures in the data's units.
"""
import csv
import gzip
import json
import os
import sys

import numpy as np
import torch

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn-data", "src", "main", "resources", "org",
                    "chainrule", "data")  # the copies the nn-data jar embeds


def read(path, header):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as f:
        rows = list(csv.reader(f))
    head = rows[0] if header else None
    return head, np.array(rows[1:] if header else rows, dtype=np.float64)


def split(out, name, head, data, seed=0, test=0.2):
    """One fixed split (numpy seed 0), written for both sides; 20 % test."""
    order = np.random.default_rng(seed).permutation(len(data))
    n = round(len(data) * test)
    for part, rows in (("test", data[order[:n]]), ("train", data[order[n:]])):
        with open(f"{out}/{name}-{part}.csv", "w", newline="") as f:
            w = csv.writer(f)
            if head:
                w.writerow(head)
            w.writerows(rows.tolist())
    return data[order[n:]], data[order[:n]]


def standardize(train, *others):
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    std[std < 1e-6] = 1
    return [(m - mean) / std for m in (train, *others)], mean, std


def net(inputs, out):
    hidden = torch.nn.Linear(inputs, 64)
    last = torch.nn.Linear(64, 1)
    torch.nn.init.kaiming_normal_(hidden.weight, mode="fan_in", nonlinearity="relu")
    torch.nn.init.xavier_normal_(last.weight)
    torch.nn.init.zeros_(hidden.bias)
    torch.nn.init.zeros_(last.bias)
    return torch.nn.Sequential(hidden, torch.nn.ReLU(), last, *out)


def train(model, loss, optimizer, x, y, epochs, seed):
    g = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=g)
        for i in range(0, len(x), 32):
            b = order[i:i + 32]
            optimizer.zero_grad()
            loss(model(x[b]), y[b]).backward()
            optimizer.step()


def auc(p, t):
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sp = p[order]
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sp[j + 1] == sp[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = t > 0.5
    n1, n0 = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def main():
    out, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]]
    torch.set_num_threads(1)
    head, d = read(f"{DATA}/diabetes.csv.gz", True)
    tr, te = split(out, "diabetes", head, d)
    (xtr, xte), _, _ = standardize(tr[:, :-1], te[:, :-1])
    (ytr,), ymean, ystd = standardize(tr[:, -1:])
    _, b = read(f"{DATA}/breast-cancer.csv", False)
    btr, bte = split(out, "breast_cancer", None, b)
    (bxtr, bxte), _, _ = standardize(btr[:, :-1], bte[:, :-1])
    f = lambda a: torch.tensor(a, dtype=torch.float32)
    for seed in seeds:
        torch.manual_seed(seed)
        m = net(10, [])
        train(m, torch.nn.MSELoss(), torch.optim.Adam(m.parameters(), lr=0.001), f(xtr), f(ytr), 100, seed)
        with torch.no_grad():
            pred = m(f(xte)).numpy()[:, 0] * ystd[0] + ymean[0]
        err = pred - te[:, -1]
        mse = float(np.mean(err ** 2))
        r2 = 1 - np.sum(err ** 2) / np.sum((te[:, -1] - te[:, -1].mean()) ** 2)
        print(json.dumps({"data": "diabetes", "seed": seed, "mse": mse, "r2": float(r2)}))

        torch.manual_seed(seed)
        m = net(30, [torch.nn.Sigmoid()])
        train(m, torch.nn.BCELoss(), torch.optim.SGD(m.parameters(), lr=0.1), f(bxtr), f(btr[:, -1:]), 30, seed)
        with torch.no_grad():
            p = m(f(bxte)).numpy()[:, 0]
        acc = float(np.mean((p >= 0.5) == (bte[:, -1] > 0.5)))
        print(json.dumps({"data": "breast_cancer", "seed": seed, "accuracy": acc, "roc_auc": float(auc(p, bte[:, -1]))}))


if __name__ == "__main__":
    main()
