#!/usr/bin/env bash
# tfjs (`bench perf`) and PyTorch (bench/pytorch-reference.py) on the same net, same
# input and batch, interleaved ROUNDS times so that load from other processes on a shared
# machine hits both alike; prints each round and the ratio of the medians.
#
#   bash bench/side-by-side.sh [--engine wasm] [--input 64] [--batch 16] [--rounds 2]
#                              [--steps 3] [--threads 2] [--python /usr/bin/python3]
# PyTorch gets --threads threads (default: the number of cores); tfjs's wasm gets
# BENCH_WASM_THREADS unless it is already set.
set -euo pipefail
engine=wasm input=64 batch=16 rounds=2 steps=3 threads=$(nproc) python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=$2;; --input) input=$2;; --batch) batch=$2;; --rounds) rounds=$2;;
    --steps) steps=$2;; --threads) threads=$2;; --python) python=$2;;
    *) echo "side-by-side.sh: unknown option '$1'; use --engine, --input, --batch, --rounds, --steps, --threads or --python" >&2; exit 2;;
  esac
  shift 2
done
cd "$(dirname "$0")/.."
export BENCH_WASM_THREADS=${BENCH_WASM_THREADS:-$threads}
tfjs=() torch=()
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  t=$(node --import tsx src/cli/main.ts perf --engine "$engine" --variant owt --lrn --input "$input" --batch "$batch" --warmup 1 --steps "$steps" --json)
  p=$("$python" bench/pytorch-reference.py --input "$input" --batch "$batch" --threads "$threads" --warmup 1 --steps "$steps" --json)
  ti=$(node -e 'const r=JSON.parse(process.argv[1]);console.log(r.train.imagesPerSecond.toFixed(2), r.inference.imagesPerSecond.toFixed(2), r.device, (r.peakRssBytes/2**20).toFixed(0)+"MiB")' "$t")
  pi=$(node -e 'const r=JSON.parse(process.argv[1]);console.log(r.train.imagesPerSecond.toFixed(2), r.inference.imagesPerSecond.toFixed(2), r.device, (r.peakRssBytes/2**20).toFixed(0)+"MiB")' "$p")
  echo "round $r  tfjs $engine: train/infer img/s $ti | PyTorch: $pi"
  tfjs+=("$(echo "$ti" | cut -d' ' -f1)"); torch+=("$(echo "$pi" | cut -d' ' -f1)")
done
node -e '
const med = (a) => { const s = a.map(Number).sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const [t, p] = [process.argv[1].split(" "), process.argv[2].split(" ")];
console.log(`median train img/s: tfjs ${med(t).toFixed(2)}, PyTorch ${med(p).toFixed(2)}, ratio ${(med(t) / med(p)).toFixed(2)}`);
' "${tfjs[*]}" "${torch[*]}"
