#!/usr/bin/env bash
# The webgpu bench on a GPU machine (an H100/H200) that has no Node.js. It runs the bundle
# in .device/ (git-ignored), which bench/device/pack.sh makes on a machine with Node.js and
# which must travel with the working tree. On the GPU machine, from the repository root:
#   OUT=/path/for/results bash bench/device/gpu-run.sh
# Writes under $OUT: webgpu-perf.json/.log (kernel checks, stock vs new timings, profile) and,
# where PyTorch imports, pytorch-reference.json/.log. Whole script: under 6 minutes.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?set OUT to the folder for results}
mkdir -p "$out"
out=$(cd "$out" && pwd) # start.sh runs from inside .device: the bundle needs an absolute path
[ -f .device/bundle.mjs ] || { echo "gpu-run: .device/bundle.mjs missing; run bash bench/device/pack.sh on a machine with Node.js first" >&2; exit 2; }
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv > "$out/gpu.txt" 2>&1 || true
status=0
timeout 330 bash .device/start.sh bundle.mjs --out "$out/webgpu-perf.json" > "$out/webgpu-perf.log" 2>&1 || status=$?
echo "webgpu-perf exit $status" | tee -a "$out/webgpu-perf.log"
tail -40 "$out/webgpu-perf.log"
if [ -f bench/pytorch-reference.py ] && python3 -c "import torch" 2>/dev/null; then
  timeout 90 python3 bench/pytorch-reference.py --device cuda --no-tf32 --input 224 --batch 128 --json \
    > "$out/pytorch-reference.json" 2> "$out/pytorch-reference.log" || echo "pytorch-reference exit $?" | tee -a "$out/pytorch-reference.log"
  cat "$out/pytorch-reference.json"
else
  echo "pytorch-reference: skipped (no bench/pytorch-reference.py or no torch)" | tee "$out/pytorch-reference.log"
fi
exit $status
