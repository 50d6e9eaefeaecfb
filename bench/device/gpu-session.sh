#!/usr/bin/env bash
# Everything the project measures on a GPU machine without Node.js, in one call (GPU time is scarce):
#   1. bench/device/gpu-run.sh: webgpu kernel checks, stock vs new timings, memory at 227 px
#      batch 128, PyTorch CUDA reference (fp32, TF32 off);
#   2. GPU memory sampled by nvidia-smi every 250 ms during 1 (peak = what the device used);
#   3. the training-batch loader's scaling with worker threads on the machine's cores
#      (bench/data-loader.ts bundled in .device-loader/, engine=none), run by the node that
#      .device/start.sh unpacks to /tmp/node.
# It needs the git-ignored .device/ and .device-loader/ that bench/device/pack.sh makes on a
# machine with Node.js; both must travel with the working tree. On the GPU machine, from the
# repository root: OUT=/path/for/results bash bench/device/gpu-session.sh
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
