#!/usr/bin/env python3
"""Times numpy's OpenBLAS sgemm on graft's GEMM benchmark shapes, two threads.

Prints one JSON object per shape, in the same format as graft-bench, with
"case":"gemm-openblas". Usage: python3 numpy_gemm.py [runs]
"""
import os

# OpenBLAS reads its thread count when it loads, so set it before importing numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")

import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

SHAPES = [(1024, 1024, 1024), (2048, 2048, 2048), (2592, 728, 728), (11552, 728, 728), (32, 2048, 1)]


def rates(m, k, n, runs, warmup_seconds=1.0):
    rng = np.random.default_rng(42)
    a = rng.standard_normal((m, k), dtype=np.float32)
    b = rng.standard_normal((k, n), dtype=np.float32)
    c = np.empty((m, n), dtype=np.float32)
    end = time.perf_counter() + warmup_seconds
    while True:
        np.matmul(a, b, out=c)
        if time.perf_counter() >= end:
            break
    # Tiny shapes finish in microseconds: time a batch per run so the clock resolves it.
    reps = max(1, int(2e8 / (2.0 * m * n * k)))
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        out.append(2.0 * m * n * k * reps / (time.perf_counter() - t0) / 1e9)
    return out


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    threads = int(os.environ["OPENBLAS_NUM_THREADS"])
    for m, k, n in SHAPES:
        r = rates(m, k, n, runs)
        print(
            json.dumps(
                {
                    "case": "gemm-openblas",
                    "shape": f"{m}x{k}x{n}",
                    "threads": threads,
                    "unit": "GFLOP/s",
                    "median": round(statistics.median(r), 2),
                    "min": round(min(r), 2),
                    "max": round(max(r), 2),
                    "runs": len(r),
                },
                separators=(",", ":"),
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
