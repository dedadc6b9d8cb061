#!/usr/bin/env bash
# Trains 784-256-128-10 on Fashion-MNIST with Chainrule (`nn train`) and with PyTorch, the same
# set-up on both sides (see bench/fashion_pytorch.py), one thread each, for several seeds, and
# prints the final test accuracy and the training samples/s side by side.
# Usage: bench/fashion-accuracy.sh [EPOCHS] [BATCH] [LR] [SEEDS...]   (defaults: 10 128 0.1 1 2 3)
# Needs: apt-get install dataset-fashion-mnist python3-torch python3-numpy
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
epochs="${1:-10}"; batch="${2:-128}"; lr="${3:-0.1}"
shift $(( $# < 3 ? $# : 3 )) || true
seeds=("${@:-1}"); [ $# -eq 0 ] && seeds=(1 2 3)
out="$(mktemp -d)"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    /usr/bin/python3 "$here/bench/fashion_pytorch.py" "$epochs" "$batch" "$lr" "${seeds[@]}" > "$out/torch.jsonl"
for s in "${seeds[@]}"; do
    "$here/nn" train --data fashion-mnist --layers 784,256:relu,128:relu,10:softmax --optimizer "sgd(lr=$lr)" \
        --batch "$batch" --epochs "$epochs" --seed "$s" --threads 1 --plot none --no-progress --out "$out/cr$s" \
        2> /dev/null > "$out/cr$s.txt"
done
/usr/bin/python3 - "$out" "${seeds[@]}" <<'PY'
import csv, json, re, sys
out, seeds = sys.argv[1], sys.argv[2:]
torch = {r["seed"]: r for r in map(json.loads, open(f"{out}/torch.jsonl"))}
print(f"{'seed':>4}  {'chainrule acc':>13}  {'pytorch acc':>11}  {'chainrule samples/s':>19}  {'pytorch samples/s':>17}")
cr_acc, pt_acc = [], []
for s in seeds:
    text = open(f"{out}/cr{s}.txt").read()
    acc = float(re.search(r"test accuracy ([0-9.]+)%", text).group(1))
    rows = list(csv.DictReader(open(f"{out}/cr{s}/metrics.csv")))
    rate = 60000 * len(rows) / sum(float(r["seconds"]) for r in rows)
    t = torch[int(s)]
    cr_acc.append(acc); pt_acc.append(100 * t["test_accuracy"][-1])
    print(f"{s:>4}  {acc:12.2f}%  {100 * t['test_accuracy'][-1]:10.2f}%  {rate:19,.0f}  {t['samples_per_second']:17,.0f}")
print(f"mean  {sum(cr_acc) / len(cr_acc):12.2f}%  {sum(pt_acc) / len(pt_acc):10.2f}%")
PY
