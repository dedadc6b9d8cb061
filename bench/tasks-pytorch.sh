#!/usr/bin/env bash
# The regression and binary tasks against PyTorch: diabetes (R², MSE) and breast cancer (accuracy,
# ROC AUC) on one fixed 80/20 split written by bench/tasks_pytorch.py, the same network, optimizer,
# batch, epochs and scaling on both sides (see that script), one thread each, for several seeds;
# prints each side's figures per seed and their mean and spread (min..max).
# Usage: bench/tasks-pytorch.sh [SEEDS...]   (default: 1 2 3 4 5)
# Needs: apt-get install python3-torch python3-numpy
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
seeds=("$@"); [ $# -eq 0 ] && seeds=(1 2 3 4 5)
out="$(mktemp -d)"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    /usr/bin/python3 "$here/bench/tasks_pytorch.py" "$out" "${seeds[@]}" > "$out/torch.jsonl"
for s in "${seeds[@]}"; do
    "$here/nn" train --data csv --train "$out/diabetes-train.csv" --test "$out/diabetes-test.csv" \
        --task regression --target progression --epochs 100 --seed "$s" --threads 1 --plot none -q \
        --out "$out/d$s" > /dev/null
    "$here/nn" eval --model "$out/d$s/model.safetensors" --data csv --train "$out/diabetes-test.csv" \
        --task regression --target progression --split all --json > "$out/d$s.json"
    "$here/nn" train --data csv --train "$out/breast_cancer-train.csv" --test "$out/breast_cancer-test.csv" \
        --task binary --epochs 30 --seed "$s" --threads 1 --plot none -q --out "$out/b$s" > /dev/null
    "$here/nn" eval --model "$out/b$s/model.safetensors" --data csv --train "$out/breast_cancer-test.csv" \
        --task binary --split all --json > "$out/b$s.json"
done
/usr/bin/python3 - "$out" "${seeds[@]}" <<'PY'
import json, sys
out, seeds = sys.argv[1], sys.argv[2:]
torch = {(r["data"], r["seed"]): r for r in map(json.loads, open(f"{out}/torch.jsonl"))}
def table(data, prefix, figures):
    print(f"\n{data} (test part of one fixed split; seeds {' '.join(seeds)})")
    print(f"{'seed':>6}" + "".join(f"  {'chainrule ' + k:>18}  {'pytorch ' + k:>16}" for k in figures))
    cols = {(side, k): [] for side in ("cr", "pt") for k in figures}
    for s in seeds:
        cr = json.load(open(f"{out}/{prefix}{s}.json"))["metrics"]
        pt = torch[(data, int(s))]
        row = f"{s:>6}"
        for k in figures:
            cols[("cr", k)].append(cr[k]); cols[("pt", k)].append(pt[k])
            row += f"  {cr[k]:18.4f}  {pt[k]:16.4f}"
        print(row)
    for name, f in (("mean", lambda v: f"{sum(v) / len(v):.4f}"), ("spread", lambda v: f"{min(v):.4f}..{max(v):.4f}")):
        print(f"{name:>6}" + "".join(f"  {f(cols[('cr', k)]):>18}  {f(cols[('pt', k)]):>16}" for k in figures))
table("diabetes", "d", ["r2", "mse"])
table("breast_cancer", "b", ["accuracy", "roc_auc"])
PY
