#!/usr/bin/env python3
"""Derives the deployment profiles and prices of default_pool.yaml from public hardware and model
facts (sources in default_pool.yaml). Run it to re-derive after changing an assumption:

    python3 data/router/derive_deployments.py

Decode time per token at concurrency c on one instance (memory-bound roofline):
    t(c) = (weight bytes read at c + c * KV bytes per sequence) / (HBM bandwidth * efficiency)
           + c * 2 * active params / (peak FLOP/s * MFU) + step overhead + per-layer collectives
A MoE model reads the experts its c sequences route to: routed * (1 - (1 - k/E)^c) (uniform routing).
Prefill tokens/s = peak FLOP/s * MFU / (2 * active params).
Price per million tokens = GPU cost per second / tokens per second * 1e6 (output: at max concurrency).
"""

GPUS = {  # NVIDIA datasheets: HBM bandwidth, dense BF16 tensor FLOP/s; USD per GPU-hour (assumed)
    "H100": dict(bw=3.35e12, flops=989e12, usd_per_hour=3.0),
    "H200": dict(bw=4.8e12, flops=989e12, usd_per_hour=4.0),
}
MFU = 0.4           # prefill model-FLOP utilisation (assumed)
STEP_S = 1.0e-3     # scheduler and launch overhead per decode step (assumed)
COLLECTIVE_S = 15e-6  # one all-reduce / all-to-all within a node (assumed)

MODELS = [
    # name, gpu, gpus, total params, active params, bytes/param, KV bytes/token, mean context,
    # max concurrency, bandwidth efficiency, collectives per layer, layers, (routed params, k, E)
    ("qwen2.5-coder-7b", "H100", 1, 7.61e9, 7.61e9, 2, 2 * 28 * 4 * 128 * 2, 3500, 128, 0.7, 0, 28, None),
    ("qwen3-30b-a3b", "H100", 2, 30.5e9, 3.3e9, 2, 2 * 48 * 4 * 128 * 2, 6000, 64, 0.5, 2, 48, (28.9e9, 8, 128)),
    ("qwen3-32b", "H100", 2, 32.8e9, 32.8e9, 2, 2 * 64 * 8 * 128 * 2, 6000, 48, 0.7, 2, 64, None),
    ("deepseek-r1", "H200", 8, 671e9, 37e9, 1, 61 * 576 * 2, 8000, 128, 0.5, 2, 61, (654.5e9, 8, 256)),
]


def derive(name, gpu, n, total, active, bytes_pp, kv_token, context, max_c, eff, coll, layers, moe):
    g = GPUS[gpu]
    bandwidth, flops = g["bw"] * n * eff, g["flops"] * n * MFU
    comm = coll * layers * COLLECTIVE_S if n > 1 else 0.0

    def weight_bytes(c):
        if moe is None:
            return total * bytes_pp
        routed, k, experts = moe
        return (total - routed + routed * (1 - (1 - k / experts) ** c)) * bytes_pp

    table = {}
    for c in sorted({1, 8, 32, max_c}):
        t = (weight_bytes(c) + c * kv_token * context) / bandwidth + c * 2 * active / flops + STEP_S + comm
        table[c] = round(t * 1e3, 1)
    prefill = flops / (2 * active)
    usd_per_s = g["usd_per_hour"] * n / 3600
    price_in = usd_per_s / prefill * 1e6
    price_out = usd_per_s / (max_c / (table[max_c] / 1e3)) * 1e6
    print(f"{name}: decode_ms_per_token {table}, prefill_tokens_per_s {prefill:.0f}, "
          f"price_per_mtok input {price_in:.3f} output {price_out:.3f}")


for m in MODELS:
    derive(*m)
