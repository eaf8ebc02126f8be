#!/usr/bin/env python3
"""Prints the median of every `cargo bench` result (target/criterion) as a Markdown table:
   cargo bench && python3 benches/medians.py"""
import json, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'target/criterion'
def fmt(ns):
    if ns >= 1e9: return f"{ns/1e9:.2f} s"
    if ns >= 1e6: return f"{ns/1e6:.2f} ms" if ns < 1e8 else f"{ns/1e6:.0f} ms"
    return f"{ns/1e3:.0f} µs"
rows = {}
order = []
for group in ['engine', 'tui']:
    gdir = os.path.join(root, group)
    if not os.path.isdir(gdir): continue
    for fn in sorted(os.listdir(gdir)):
        fdir = os.path.join(gdir, fn)
        if fn == 'report' or not os.path.isdir(fdir): continue
        for size in ['demo', 'large', 'xl', 'xxl']:
            e = os.path.join(fdir, size, 'new', 'estimates.json')
            if os.path.exists(e):
                m = json.load(open(e))['median']['point_estimate']
                key = f"{group}/{fn}"
                if key not in rows: rows[key] = {}; order.append(key)
                rows[key][size] = m
print("| Benchmark | demo | large | xl | xxl | xl / large |")
print("|---|---:|---:|---:|---:|---:|")
for k in order:
    r = rows[k]
    ratio = f"{r['xl']/r['large']:.1f}x" if 'xl' in r and 'large' in r else ''
    print(f"| `{k}` | {fmt(r.get('demo',0))} | {fmt(r.get('large',0))} | {fmt(r.get('xl',0))} | {fmt(r.get('xxl',0))} | {ratio} |")
