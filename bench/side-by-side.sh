#!/usr/bin/env bash
# tfjs (`bench perf`) and PyTorch (bench/pytorch-reference.py) on the same net, same
# input and batch, interleaved ROUNDS times so that load from other processes on a shared
# machine hits both alike; prints each round and the ratio of the medians.
#
#   bash bench/side-by-side.sh [EXPERIMENT] [--variant LABEL] [--engine wasm] [--input 64]
#                              [--batch 16] [--rounds 2] [--steps 3] [--warmup 1]
#                              [--threads 2] [--python /usr/bin/python3]
# With an experiment file, both sides time every distinct net of it (or those --variant
# picks) at the experiment's own input size and batch: tfjs through `bench perf
# EXPERIMENT`, PyTorch through a twin built from the layer table tfjs prints (--net).
# Without one, the `owt` net with LRN at --input and --batch, as before.
# PyTorch gets --threads threads (default: the number of cores); tfjs's wasm gets
# BENCH_WASM_THREADS unless it is already set.
set -euo pipefail
engine=wasm input=64 batch=16 rounds=2 steps=3 warmup=1 threads=$(nproc) python=/usr/bin/python3 experiment= variant=
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2;; --input) input=$2;; --batch) batch=$2;; --rounds) rounds=$2;;
    --steps) steps=$2;; --warmup) warmup=$2;; --threads) threads=$2;; --python) python=$2;; --variant) variant=$2;;
    --*) echo "side-by-side.sh: unknown option '$1'; use --engine, --input, --batch, --rounds, --steps, --warmup, --threads, --variant or --python" >&2; exit 2;;
    *) experiment=$1; shift; continue;;
  esac
  shift 2
done
cd "$(dirname "$0")/.."
export BENCH_WASM_THREADS=${BENCH_WASM_THREADS:-$threads}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ -n "$experiment" ]; then
  tfjs_args=(perf "$experiment" ${variant:+--variant "$variant"})
else
  tfjs_args=(perf --variant owt --lrn --input "$input" --batch "$batch")
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg); tfjs $engine with $BENCH_WASM_THREADS threads, PyTorch with $threads"
for r in $(seq "$rounds"); do
  node --import tsx src/cli/main.ts "${tfjs_args[@]}" --engine "$engine" --warmup "$warmup" --steps "$steps" --json > "$tmp/tfjs-$r.json"
  # One result or a list (with an experiment): PyTorch times each net of it.
  count=$(node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1]));console.log(Array.isArray(r)?r.length:1)' "$tmp/tfjs-$r.json")
  for i in $(seq 0 $((count - 1))); do
    if [ -n "$experiment" ]; then
      "$python" bench/pytorch-reference.py --net "$tmp/tfjs-$r.json" --index "$i" --threads "$threads" --warmup "$warmup" --steps "$steps" --json > "$tmp/torch-$r-$i.json"
    else
      "$python" bench/pytorch-reference.py --input "$input" --batch "$batch" --threads "$threads" --warmup "$warmup" --steps "$steps" --json > "$tmp/torch-$r-$i.json"
    fi
  done
done
node bench/side-by-side-table.mjs "$tmp" "$rounds"
