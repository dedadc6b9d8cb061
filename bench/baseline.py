#!/usr/bin/env python3
"""The peers' side of bench/compare-pytorch.sh: the workloads of `nn bench`, in numpy (OpenBLAS)
and PyTorch, one thread, printed as JSON. Run with Debian's python3 (apt-get install python3-torch
python3-numpy libopenblas0-pthread); OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE must be unset."""
import json
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
quick = "--quick" in sys.argv
ROUND = 0.06 if quick else 0.25
SHAPES = [(256, 256, 256), (512, 512, 512), (128, 784, 256), (784, 128, 256), (128, 256, 784)]
if not quick:
    SHAPES = [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048), (128, 784, 256),
              (784, 128, 256), (128, 256, 784), (32, 784, 256), (128, 256, 10)]


def best_seconds_per_call(f):
    t = time.perf_counter()
    f()
    one = max(time.perf_counter() - t, 1e-7)
    calls = max(1, int(ROUND / one))
    for _ in range(calls):
        f()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(calls):
            f()
        best = min(best, (time.perf_counter() - t) / calls)
    return best


def gemm(form, m, k, n):
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (k, m) if form == "TN" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if form == "NT" else (k, n)).astype(np.float32)
    c = np.empty((m, n), np.float32)
    f = {"NN": lambda: np.matmul(a, b, out=c), "TN": lambda: np.matmul(a.T, b, out=c),
         "NT": lambda: np.matmul(a, b.T, out=c)}[form]
    return 2.0 * m * k * n / best_seconds_per_call(f) / 1e9


def training(hidden, batch, epochs):
    torch.manual_seed(1)
    n = 8192
    x = torch.rand(n, 784) * 2 - 1
    y = torch.arange(n) % 10
    act = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}[hidden]
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), act(), torch.nn.Linear(256, 128),
                              act(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    best = 0.0
    for epoch in range(epochs + 1):
        perm = torch.randperm(n)
        t = time.perf_counter()
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
        if epoch > 0:  # epoch 0 is the warm-up
            best = max(best, n / (time.perf_counter() - t))
    return best


def tiny(steps):
    torch.manual_seed(1)
    x = torch.rand(steps, 2) * 2 - 1
    y = (torch.arange(steps) % 2).float().unsqueeze(1)
    net = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(), torch.nn.Linear(2, 1), torch.nn.Sigmoid())
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.BCELoss()
    best = 0.0
    for rep in range(2):
        t = time.perf_counter()
        for i in range(steps):
            opt.zero_grad()
            loss = loss_fn(net(x[i:i + 1]), y[i:i + 1])
            loss.backward()
            opt.step()
        best = max(best, steps / (time.perf_counter() - t))
    return best


def inference():
    torch.manual_seed(1)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                              torch.nn.ReLU(), torch.nn.Linear(128, 10), torch.nn.Softmax(dim=1))
    x = torch.rand(1, 784)
    with torch.no_grad():
        return 1e6 * best_seconds_per_call(lambda: net(x))


report = {
    "numpy": np.__version__,
    "torch": torch.__version__,
    "gemm": [{"form": form, "m": m, "k": k, "n": n, "gflops": gemm(form, m, k, n)}
             for (m, k, n) in SHAPES for form in ("NN", "TN", "NT")],
    "training": [{"activation": h, "batch": b, "samplesPerSecond": training(h, b, 1 if quick else 2)}
                 for (h, b) in (("relu", 32), ("relu", 128), ("tanh", 128))],
    "tinyStepsPerSecond": tiny(2000 if quick else 6000),
    "inferenceMicros": inference(),
}
print(json.dumps(report, indent=2))
