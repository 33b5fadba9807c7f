#!/usr/bin/env python3
"""The same Digital Exclusion Risk Index as OnrampCore's RiskIndex, written in pandas, on the
CSV that `onramp index-inputs` writes. Prints its median time and how far its figures are from
Onramp's (the RESULTS.csv that Benchmarks/RiskIndexTiming wrote).

    python3 scripts/risk_index_pandas.py INPUTS.csv SWIFT_RESULTS.csv [RUNS]
"""
import statistics
import sys
import time

import pandas as pd

COMPONENTS = {
    "demography": ["aged_65_plus_pct", "aged_75_plus_pct", "disabled_pct"],
    "connectivity": ["superfast_pct", "gigabit_pct"],
    "deprivation": ["no_qualifications_pct", "income_score", "imd_score"],
}
REVERSED = {"superfast_pct", "gigabit_pct"}


def risk_index(frame):
    scores = {}
    for column in [c for cs in COMPONENTS.values() for c in cs]:
        low, high = frame[column].min(), frame[column].max()
        scaled = (10 * (frame[column] - low) / (high - low)).clip(0, 10) if high > low else frame[column] * 0
        scores[column] = 10 - scaled if column in REVERSED else scaled
    # Equal weights: a component is the mean of the indicators it has, the index the mean of
    # the components it has; pandas' mean skips missing values as the method requires.
    components = pd.DataFrame({name: pd.DataFrame({c: scores[c] for c in cols}).mean(axis=1) for name, cols in COMPONENTS.items()})
    return components.mean(axis=1)


def main():
    inputs, swift_results = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    frame = pd.read_csv(inputs, index_col="lsoa21_code")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = risk_index(frame)
        timings.append((time.perf_counter() - start) * 1000)
    swift = pd.read_csv(swift_results, index_col="lsoa21_code")["risk_index"]
    difference = (result - swift.reindex(result.index)).abs().max()
    print(f"pandas: {len(frame)} areas, median of {runs} runs {statistics.median(timings):.2f} ms; largest difference from Onramp {difference:.2e}")


if __name__ == "__main__":
    main()
