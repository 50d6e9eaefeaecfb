#!/usr/bin/env bash
# Everything the project measures on the lent GPU machine, in one call (device time is scarce):
#   1. bench/device/gpu-run.sh: webgpu kernel checks, stock vs new timings, memory at 227 px
#      batch 128, PyTorch CUDA reference (fp32, TF32 off);
#   2. GPU memory sampled by nvidia-smi every 250 ms during 1 (peak = what the device used);
#   3. the training-batch loader's scaling with worker threads on the machine's cores
#      (bench/data-loader.ts packed as .device-loader/bundle-loader.mjs, engine=none).
# Before sending the tree, on the dev VM:
#   /work/shared/tools/device-pack bench/webgpu-perf.ts
#   npx esbuild bench/data-loader.ts --bundle --platform=node --format=esm --outfile=.device-loader/bundle-loader.mjs
#     (plus the augment worker, see docs/PERFORMANCE.md)
# and run with carry [".device", ".device-loader"]. Writes everything under $OUT.
set -uo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?set OUT to the folder for results}
mkdir -p "$out"
(nvidia-smi --query-gpu=timestamp,memory.used --format=csv,noheader,nounits -lms 250 > "$out/gpu-memory.csv" 2>/dev/null) &
sampler=$!
OUT=$out bash bench/device/gpu-run.sh
status=$?
kill "$sampler" 2>/dev/null
awk -F, 'BEGIN{m=0} {if ($2+0 > m) m=$2+0} END{print "gpu memory used, peak over the run: " m " MiB (nvidia-smi, 250 ms samples)"}' "$out/gpu-memory.csv" | tee "$out/gpu-memory-peak.txt"
if [ -f .device-loader/bundle-loader.mjs ] && [ -x /tmp/node ]; then
  nproc > "$out/loader-scaling.log"
  (cd .device-loader && timeout 90 /tmp/node bundle-loader.mjs images=2048 engine=none maxWorkers=16) >> "$out/loader-scaling.log" 2>&1 || echo "loader scaling exit $?" >> "$out/loader-scaling.log"
  cat "$out/loader-scaling.log"
fi
exit $status
