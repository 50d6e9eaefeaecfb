#!/usr/bin/env python3
"""PyTorch reference for `bench perf`: the same net, the same SGD step, images/s.

The net is the `owt` variant with --lrn as src/models/alexnet.ts builds it:
conv 11x11/4 pad 2 (64) -> ReLU -> LRN -> maxpool 3/2; conv 5x5 pad 2 (192) -> ReLU ->
LRN -> maxpool 3/2; conv 3x3 pad 1 (384, 256, 256) with ReLU, maxpool 3/2 after the last;
flatten; dropout 0.5; fc 4096 -> ReLU; dropout 0.5; fc 4096 -> ReLU; fc classes.
Data is NHWC in tfjs and NCHW here; the arithmetic is the same.

LRN: the paper's k=2, n=5, alpha=1e-4, beta=0.75. tfjs takes alpha as is; PyTorch's
LocalResponseNorm divides alpha by size, so it gets alpha * n = 5e-4 (src/models/lrn.ts).

One step = forward, softmax cross-entropy, backward, SGD (momentum 0.9, weight decay
5e-4), then a read of the loss (.item()), as `bench perf` does.

Usage: /usr/bin/python3 bench/pytorch-reference.py --input 224 --batch 16 --threads 2 --json
On a GPU machine: python3 bench/pytorch-reference.py --device cuda --no-tf32 ...

--net FILE builds any net of the harness instead: FILE is the JSON `bench perf --json`
prints (one result, or a list and --index), whose `net` is the layer table of
src/models/layer-table.ts (stem, widths, groups, activation, LRN, batch norm, pooling,
dense layers, dropout); input size, batch and classes then come from it too.
--profile prints, on stderr, the self CPU time of each op in one more training step.
"""
import argparse
import json
import platform
import resource
import statistics
import sys
import time

import torch
from torch import nn


def build(classes: int, lrn: bool) -> nn.Module:
    def norm():
        return [nn.LocalResponseNorm(size=5, alpha=5 * 1e-4, beta=0.75, k=2.0)] if lrn else []

    features = nn.Sequential(
        nn.Conv2d(3, 64, 11, stride=4, padding=2), nn.ReLU(), *norm(), nn.MaxPool2d(3, 2),
        nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(), *norm(), nn.MaxPool2d(3, 2),
        nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Flatten(),
    )
    return features


def make_model(input_size: int, classes: int, lrn: bool) -> nn.Module:
    features = build(classes, lrn)
    with torch.no_grad():
        flat = features(torch.zeros(1, 3, input_size, input_size)).shape[1]
    return nn.Sequential(
        features,
        nn.Dropout(0.5), nn.Linear(flat, 4096), nn.ReLU(),
        nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, classes),
    )


class GroupLRN(nn.Module):
    """LRN within each of `groups` equal channel groups (each tower normalises its own maps)."""

    def __init__(self, groups: int, size: int, alpha: float, beta: float, k: float):
        super().__init__()
        self.groups = groups
        self.norm = nn.LocalResponseNorm(size=size, alpha=alpha, beta=beta, k=k)

    def forward(self, x):
        if self.groups == 1:
            return self.norm(x)
        return torch.cat([self.norm(part) for part in x.chunk(self.groups, dim=1)], dim=1)


ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}


def model_from_table(table: dict) -> nn.Module:
    """The layer table's net, in the order src/models/alexnet.ts applies it."""
    act = ACTIVATIONS[table["activation"]]
    layers = []
    for c in table["convs"]:
        layers.append(nn.Conv2d(c["inChannels"], c["outChannels"], c["kernelSize"], stride=c["stride"], padding=c["padding"], groups=c["groups"]))
        if c["batchNorm"]:
            layers.append(nn.BatchNorm2d(c["outChannels"], momentum=0.1))
        layers.append(act())
        if c["lrn"] is not None:
            lrn = c["lrn"]
            layers.append(GroupLRN(c["lrnGroups"], lrn["size"], lrn["alpha"], lrn["beta"], lrn["k"]))
        if c["pool"] is not None:
            layers.append(nn.MaxPool2d(c["pool"]["size"], c["pool"]["stride"]))
    layers.append(nn.Flatten())
    for d in table["dense"]:
        if d["dropout"] == "input":
            layers.append(nn.Dropout(table["dropoutRate"]))
        layers.append(nn.Linear(d["inUnits"], d["outUnits"]))
        if d["activation"]:
            layers.append(act())
        if d["dropout"] == "output":
            layers.append(nn.Dropout(table["dropoutRate"]))
    return nn.Sequential(*layers)


def sync(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: PyTorch's default)")
    p.add_argument("--no-tf32", action="store_true", help="fp32 matmuls and convs on CUDA (TF32 off)")
    p.add_argument("--input", type=int, default=64)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--classes", type=int, default=1000)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--no-lrn", action="store_true", help="leave LRN out (the default has it, like --lrn)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--profile", action="store_true", help="after timing, print where one training step goes (torch.profiler, self CPU time per op) on stderr")
    p.add_argument("--net", help="a `bench perf --json` output: build its `net` with its input size, batch and classes")
    p.add_argument("--index", type=int, default=0, help="with --net and a list of results: which one")
    a = p.parse_args()
    table = None
    if a.net is not None:
        with open(a.net) as f:
            perf = json.load(f)
        perf = perf[a.index] if isinstance(perf, list) else perf
        table = perf["net"]
        a.input, a.batch, a.classes = table["inputSize"], perf["batchSize"], table["dense"][-1]["outUnits"]
    for name in ("input", "batch", "steps"):
        if getattr(a, name) < 1:
            print(f"--{name}: {getattr(a, name)} is not allowed; use a positive integer", file=sys.stderr)
            return 2
    if a.device == "cuda" and not torch.cuda.is_available():
        print("--device cuda: this PyTorch sees no CUDA GPU; use --device cpu", file=sys.stderr)
        return 2
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    if a.no_tf32:
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(1)
    dev = torch.device(a.device)
    model = (model_from_table(table) if table is not None else make_model(a.input, a.classes, not a.no_lrn)).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9, weight_decay=0.0005)
    x = (torch.randn(a.batch, 3, a.input, a.input) * 50).to(dev)
    y = (torch.arange(a.batch) % a.classes).to(dev)
    loss_fn = nn.CrossEntropyLoss()

    def step() -> None:
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    def timed(fn, n: int) -> list:
        out = []
        for _ in range(n):
            sync(a.device)
            t0 = time.perf_counter()
            fn()
            sync(a.device)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    model.train()
    timed(step, a.warmup)
    train_steps = timed(step, a.steps)
    train_ms = statistics.median(train_steps)
    if a.profile:
        # One more step under the profiler, after the timed ones; stderr keeps --json's stdout clean.
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            step()
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=15), file=sys.stderr)
    model.eval()

    def infer() -> None:
        with torch.no_grad():
            model(x).sum().item()

    timed(infer, a.warmup)
    infer_ms = statistics.median(timed(infer, a.steps))
    result = {
        "engine": f"pytorch {torch.__version__}",
        "device": torch.cuda.get_device_name(0) if a.device == "cuda" else f"CPU ({platform.processor() or platform.machine()}, {torch.get_num_threads()} threads)",
        "tf32": (not a.no_tf32) if a.device == "cuda" else None,
        "lrn": any(c["lrn"] is not None for c in table["convs"]) if table is not None else not a.no_lrn,
        "inputSize": a.input,
        "batchSize": a.batch,
        "parameters": sum(t.numel() for t in model.parameters()),
        "train": {"imagesPerSecond": 1000 * a.batch / train_ms, "stepMsMedian": train_ms, "stepMsFastest": min(train_steps), "steps": a.steps},
        "inference": {"imagesPerSecond": 1000 * a.batch / infer_ms, "batchMsMedian": infer_ms, "batches": a.steps},
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "peakCudaBytes": torch.cuda.max_memory_allocated() if a.device == "cuda" else None,
    }
    if a.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"engine {result['engine']} on {result['device']}")
        print(f"input {a.input} px, batch {a.batch}, {result['parameters']:,} parameters")
        print(f"train:     {result['train']['imagesPerSecond']:.2f} img/s (median step {train_ms:.0f} ms over {a.steps}, fastest {min(train_steps):.1f} ms)")
        print(f"inference: {result['inference']['imagesPerSecond']:.2f} img/s (median batch {infer_ms:.0f} ms over {a.steps})")
        print(f"memory: peak RSS {result['peakRssBytes'] / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
