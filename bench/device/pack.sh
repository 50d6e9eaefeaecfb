#!/usr/bin/env bash
# Packs the GPU benchmarks for a GPU machine that has no Node.js and no network. Run it from
# the repository on a Linux x64 machine that has both, after `npm ci`:
#   bash bench/device/pack.sh
# It writes two git-ignored folders, which must travel with the working tree:
#   .device/         bench/webgpu-perf.ts as one esbuild bundle (bundle.mjs); the Dawn WebGPU
#                    addon it loads (node_modules/webgpu, linux-x64); this machine's node
#                    binary, compressed (node.xz); the Vulkan loader packages (gl/*.deb, from
#                    `apt-get download`); and start.sh, which on the GPU machine unpacks the
#                    loader, selects the NVIDIA Vulkan driver, unpacks node to /tmp/node and
#                    runs `node SCRIPT ARGS` from .device/;
#   .device-loader/  bench/data-loader.ts and the loader's augment worker, bundled for that node.
# Then, on the GPU machine: bash bench/device/gpu-session.sh (or gpu-run.sh alone).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.device
loader=.device-loader
[ -d node_modules/webgpu/dist/linux-x64 ] || { echo "pack: node_modules/webgpu/dist/linux-x64 missing; run npm ci first" >&2; exit 2; }
# Bundles load their CommonJS dependencies through require, which ESM output lacks.
banner="--banner:js=import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
bundle() { npx --no-install esbuild "$1" --bundle --platform=node --format=esm --target=node20 \
  --external:webgpu --external:sharp --external:@tensorflow/tfjs-node --external:@tensorflow/tfjs-node-gpu \
  --outfile="$2" --log-level=warning "$banner"; }

mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/gl" "$loader"
bundle bench/webgpu-perf.ts "$out/bundle.mjs"
cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$out/node_modules/webgpu/"
cp node_modules/webgpu/dist/linux-x64/dawn.node "$out/node_modules/webgpu/dist/linux-x64/"
[ -f "$out/node.xz" ] || xz -T2 -6 -c "$(readlink -f "$(command -v node)")" > "$out/node.xz"
if ! ls "$out"/gl/*.deb >/dev/null 2>&1; then
  lists=$(mktemp -d)
  apt=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  mkdir -p "$lists/partial"
  apt-get "${apt[@]}" update >/dev/null 2>&1 || true
  (cd "$out/gl" && apt-get "${apt[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null 2>&1) \
    || echo "pack: could not fetch the Vulkan loader packages; the GPU machine then needs its own libvulkan1" >&2
  rm -rf "$lists"
fi
cat > "$out/start.sh" <<'START'
#!/usr/bin/env bash
# Runs a packed bundle with the packed node: bash .device/start.sh SCRIPT ARGS...
set -e
here=$(cd "$(dirname "$0")" && pwd)
for f in "$here"/gl/*.deb; do [ -f "$f" ] || continue; dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -x /tmp/node ] || { xz -d -c "$here/node.xz" > /tmp/node; chmod +x /tmp/node; }
cd "$here"; script=$1; shift
exec /tmp/node "$script" "$@"
START
chmod +x "$out/start.sh"

bundle bench/data-loader.ts "$loader/bundle-loader.mjs"
# The loader starts its workers from ./augment-worker.js beside the bundle.
npx --no-install esbuild src/train/loader/augment-worker.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile="$loader/augment-worker.js" --log-level=warning
du -sh "$out" "$loader"
