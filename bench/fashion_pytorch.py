#!/usr/bin/env python3
"""PyTorch's side of bench/fashion-accuracy.sh: 784-256-128-10 ReLU/softmax/cross-entropy on
Fashion-MNIST with plain SGD, set up as `nn train` sets it up — inputs standardised per pixel with
the training set's mean and deviation (constant pixels only centred), He-normal hidden weights,
Xavier-uniform output weights, zero biases, a fresh shuffle per epoch — on one thread.
Prints one JSON line per seed: test accuracy per epoch and training samples/s.
Usage: fashion_pytorch.py EPOCHS BATCH LR SEED... (Debian's python3 with python3-torch)."""
import gzip
import json
import struct
import sys
import time

import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist/"


def idx(name):
    with gzip.open(DIR + name) as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32)
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


epochs, batch, lr = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
seeds = [int(s) for s in sys.argv[4:]]
torch.set_num_threads(1)
x_train, y_train = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
x_test, y_test = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")
mean = x_train.mean(axis=0)
std = x_train.std(axis=0)
scale = np.where(std > 1e-6, 1 / np.maximum(std, 1e-12), 1.0).astype(np.float32)
x_train = torch.from_numpy((x_train - mean) * scale)
x_test = torch.from_numpy((x_test - mean) * scale)
y_train, y_test = torch.from_numpy(y_train), torch.from_numpy(y_test)

for seed in seeds:
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
                              torch.nn.Linear(128, 10))
    for layer in (net[0], net[2]):
        torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        torch.nn.init.zeros_(layer.bias)
    torch.nn.init.xavier_uniform_(net[4].weight)
    torch.nn.init.zeros_(net[4].bias)
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    accuracies, seconds = [], 0.0
    for epoch in range(epochs):
        order = torch.randperm(len(x_train))
        t = time.perf_counter()
        for i in range(0, len(order), batch):
            b = order[i:i + batch]
            opt.zero_grad()
            loss_fn(net(x_train[b]), y_train[b]).backward()
            opt.step()
        seconds += time.perf_counter() - t
        with torch.no_grad():
            accuracies.append(float((net(x_test).argmax(1) == y_test).float().mean()))
    print(json.dumps({"seed": seed, "test_accuracy": accuracies, "samples_per_second": epochs * len(x_train) / seconds}))
