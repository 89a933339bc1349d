#!/usr/bin/env python3
"""Writes classify.json: breaks and class counts from mapclassify for fixed-seed data sets,
the oracle for GeoRender's Classification tests.

Run from the repository root:
    pip install mapclassify==2.10.0 numpy==2.4.6
    python3 Tests/GeoRenderTests/Fixtures/generate_classify_fixtures.py
"""
import json
import os

import mapclassify
import numpy as np


def datasets():
    rng = np.random.default_rng(20261122)
    return {
        # population-like: 253 log-normal values, rounded to whole persons
        "population": np.round(rng.lognormal(mean=11.8, sigma=0.9, size=253)).tolist(),
        # shares in 0..1 with three decimals (ties possible)
        "shares": np.round(rng.uniform(0, 1, size=253), 3).tolist(),
        # a small skewed set
        "small": [1.0, 2.0, 2.0, 3.0, 10.0, 11.0, 12.0, 40.0, 41.0, 100.0],
    }


def main():
    out = []
    for name, values in datasets().items():
        y = np.array(values, dtype=float)
        for scheme, k in [("quantiles", 5), ("quantiles", 7), ("equalInterval", 5),
                          ("fisherJenks", 5), ("fisherJenks", 7), ("fisherJenks", 3)]:
            if scheme == "quantiles":
                c = mapclassify.Quantiles(y, k=k)
            elif scheme == "equalInterval":
                c = mapclassify.EqualInterval(y, k=k)
            else:
                c = mapclassify.FisherJenks(y, k=k)
            out.append({"data": name, "values": values, "scheme": scheme, "k": k,
                        "bins": [float(b) for b in c.bins], "counts": [int(n) for n in c.counts]})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "classify.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")


if __name__ == "__main__":
    main()
