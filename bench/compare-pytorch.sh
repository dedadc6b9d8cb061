#!/usr/bin/env bash
# Runs the same workloads in numpy/PyTorch (one thread) and in Chainrule (`nn bench`), alternating
# (peers, Chainrule, peers, Chainrule, ...), and prints Chainrule's figures as ratios to the peers',
# each side's best over the rounds: on a shared machine a neighbour's burst then costs one round,
# not one side. Compare only figures from one run.
# Usage: bench/compare-pytorch.sh [--quick]   (rounds: CHAINRULE_BENCH_ROUNDS, default 2; --quick 1)
# Needs: apt-get install python3-torch python3-numpy libopenblas0-pthread
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
quick="${1:-}"
py=/usr/bin/python3
"$py" -c 'import torch, numpy' 2>/dev/null || {
    echo "compare-pytorch: needs Debian's PyTorch and numpy: apt-get install python3-torch python3-numpy libopenblas0-pthread" >&2
    exit 1
}
out="$(mktemp -d)"
# The environment's OPENBLAS_CORETYPE halves OpenBLAS's speed; unset it (and the L2 size with it).
rounds="${CHAINRULE_BENCH_ROUNDS:-$([ -n "$quick" ] && echo 1 || echo 2)}"
for r in $(seq "$rounds"); do
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
        "$py" "$here/bench/baseline.py" $quick > "$out/peers-$r.json"
    "$here/nn" bench --json --threads 1 $quick > "$out/chainrule-$r.json" 2> "$out/nn.err" || { cat "$out/nn.err" >&2; exit 1; }
done
"$py" - "$out" "$rounds" <<'PY'
import json, os, platform, subprocess, sys, datetime


def best(reports):
    """Each figure's best over the rounds: highest GFLOP/s and samples/s, lowest latency."""
    b = reports[0]
    for r in reports[1:]:
        for g, h in zip(b["gemm"], r["gemm"]):
            g["gflops"] = max(g["gflops"], h["gflops"])
        for t, u in zip(b["training"], r["training"]):
            t["samplesPerSecond"] = max(t["samplesPerSecond"], u["samplesPerSecond"])
        b["tinyStepsPerSecond"] = max(b["tinyStepsPerSecond"], r["tinyStepsPerSecond"])
        b["inferenceMicros"] = min(b["inferenceMicros"], r["inferenceMicros"])
        if "fmaPeakGflops" in b:
            b["fmaPeakGflops"] = max(b["fmaPeakGflops"], r["fmaPeakGflops"])
    return b


out, rounds = sys.argv[1], int(sys.argv[2])
peers = best([json.load(open(f"{out}/peers-{r}.json")) for r in range(1, rounds + 1)])
cr = best([json.load(open(f"{out}/chainrule-{r}.json")) for r in range(1, rounds + 1)])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"{datetime.date.today()}  {cpu}  Chainrule kernels {cr['kernels']}, JDK {cr['jvm']}; numpy {peers['numpy']}, torch {peers['torch']}; one thread; best of {rounds} alternating round(s) each")
print(f"FMA peak on registers: {cr['fmaPeakGflops']:.0f} GFLOP/s\n")
print(f"{'gemm':<5} {'m':>5} {'k':>5} {'n':>5} {'chainrule':>10} {'openblas':>9} {'ratio':>6}")
ob = {(g['form'], g['m'], g['k'], g['n']): g['gflops'] for g in peers['gemm']}
for g in cr['gemm']:
    key = (g['form'], g['m'], g['k'], g['n'])
    if key in ob:
        print(f"{g['form']:<5} {g['m']:>5} {g['k']:>5} {g['n']:>5} {g['gflops']:>10.1f} {ob[key]:>9.1f} {g['gflops'] / ob[key]:>6.2f}")
print()
pt = {(t['activation'], t['batch']): t['samplesPerSecond'] for t in peers['training']}
for t in cr['training']:
    key = (t['network'].split()[1], t['batch'])  # "784-256-128-10 relu softmax ..."
    if key in pt:
        print(f"training 784-256-128-10 {key[0]:<4}, batch {key[1]:>3}: chainrule {t['samplesPerSecond']:>9,.0f}  pytorch {pt[key]:>9,.0f} samples/s  ratio {t['samplesPerSecond'] / pt[key]:.2f}")
print(f"training 2-2-1, batch 1:                chainrule {cr['tinyStepsPerSecond']:>9,.0f}  pytorch {peers['tinyStepsPerSecond']:>9,.0f} steps/s    ratio {cr['tinyStepsPerSecond'] / peers['tinyStepsPerSecond']:.0f}")
print(f"inference 784-256-128-10, 1 sample:      chainrule {cr['inferenceMicros']:>8.1f} µs  pytorch {peers['inferenceMicros']:>8.1f} µs        ratio {cr['inferenceMicros'] / peers['inferenceMicros']:.2f}")
PY
