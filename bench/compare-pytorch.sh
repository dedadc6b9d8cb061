#!/usr/bin/env bash
# Runs the same workloads in numpy/PyTorch (one thread) and in Chainrule (`nn bench`) back to back
# and prints Chainrule's figures as ratios to the peers'. Machines are shared and noisy: compare
# only figures from one run. Usage: bench/compare-pytorch.sh [--quick]
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
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    "$py" "$here/bench/baseline.py" $quick > "$out/peers.json"
"$here/nn" bench --json --threads 1 $quick > "$out/chainrule.json" 2> "$out/nn.err" || { cat "$out/nn.err" >&2; exit 1; }
"$py" - "$out/peers.json" "$out/chainrule.json" <<'PY'
import json, os, platform, subprocess, sys, datetime
peers = json.load(open(sys.argv[1]))
cr = json.load(open(sys.argv[2]))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"{datetime.date.today()}  {cpu}  Chainrule kernels {cr['kernels']}, JDK {cr['jvm']}; numpy {peers['numpy']}, torch {peers['torch']}; one thread")
print(f"FMA peak on registers: {cr['fmaPeakGflops']:.0f} GFLOP/s\n")
print(f"{'gemm':<5} {'m':>5} {'k':>5} {'n':>5} {'chainrule':>10} {'openblas':>9} {'ratio':>6}")
ob = {(g['form'], g['m'], g['k'], g['n']): g['gflops'] for g in peers['gemm']}
for g in cr['gemm']:
    key = (g['form'], g['m'], g['k'], g['n'])
    if key in ob:
        print(f"{g['form']:<5} {g['m']:>5} {g['k']:>5} {g['n']:>5} {g['gflops']:>10.1f} {ob[key]:>9.1f} {g['gflops'] / ob[key]:>6.2f}")
print()
pt = {t['batch']: t['samplesPerSecond'] for t in peers['training']}
for t in cr['training']:
    b = t['batch']
    print(f"training 784-256-128-10, batch {b:>3}: chainrule {t['samplesPerSecond']:>9,.0f}  pytorch {pt[b]:>9,.0f} samples/s  ratio {t['samplesPerSecond'] / pt[b]:.2f}")
print(f"training 2-2-1, batch 1:           chainrule {cr['tinyStepsPerSecond']:>9,.0f}  pytorch {peers['tinyStepsPerSecond']:>9,.0f} steps/s    ratio {cr['tinyStepsPerSecond'] / peers['tinyStepsPerSecond']:.0f}")
print(f"inference 784-256-128-10, 1 sample: chainrule {cr['inferenceMicros']:>8.1f} µs  pytorch {peers['inferenceMicros']:>8.1f} µs        ratio {cr['inferenceMicros'] / peers['inferenceMicros']:.2f}")
PY
