#!/usr/bin/env python3
"""Compare Sentinel's Holt-Winters and AR forecasters with statsmodels on the same series
and the same rolling-origin split.

For each series:

1. runs `sentinel forecast SERIES --method hw|ar --horizon H --season M --format json` and
   reads the backtest origins and the RMSE per step ahead;
2. at each of those origins fits, on the points before it,
   - statsmodels `ExponentialSmoothing(trend="add", seasonal="add", seasonal_periods=M)`
     (`initialization_method="estimated"`, the default optimiser), and
   - `ar_select_order(maxlag=L, ic="aic", trend="c")` then `AutoReg` with the chosen lags,
     with L the same highest order Sentinel tries (the larger of season + 1, 8 and a tenth
     of the history capped at 48; at most 50, at most a quarter of the history);
   and forecasts H steps;
3. prints both sides' RMSE per step ahead and the ratio ours / statsmodels (≤ 1.05 is the goal).

Example:

    python3 scripts/compare-statsmodels.py                      # the series in captures/series
    python3 scripts/compare-statsmodels.py my.csv --season 96 --horizon 24 --markdown

Needs numpy and statsmodels (pip install statsmodels). Build sentinel first
(swift build --product sentinel) or pass --sentinel PATH.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import warnings

try:
    import numpy as np
    from statsmodels.tsa.holtwinters import ExponentialSmoothing
    from statsmodels.tsa.ar_model import AutoReg, ar_select_order
except ImportError:
    sys.exit("needs numpy and statsmodels: pip install statsmodels")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SERIES = [("captures/series/hourly-daily.csv", 24), ("captures/series/flash-crowd-15min.csv", 96)]


def read_values(path):
    values = []
    with open(path) as f:
        for number, line in enumerate(f):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split(",")
            try:
                values.append(float(fields[1]))
            except ValueError:
                if number == 0 and not values:
                    continue  # header
                raise
    return np.array(values)


def sentinel(binary, path, method, horizon, season, origins):
    out = subprocess.run([binary, "forecast", path, "--method", method, "--horizon", str(horizon),
                          "--season", str(season), "--origins", str(origins), "--format", "json"], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    backtest = report["backtest"]
    entry = next(m for m in backtest["methods"] if m["method"] == method)
    return backtest["origins"], [row["rmse"] for row in entry["per_horizon"]], report["summary"]


def rmse_per_horizon(errors):
    return [math.sqrt(sum(e * e for e in column) / len(column)) for column in errors]


def statsmodels_hw(y, origins, horizon, season):
    errors = [[] for _ in range(horizon)]
    for origin in origins:
        model = ExponentialSmoothing(y[:origin], trend="add", seasonal="add", seasonal_periods=season,
                                     initialization_method="estimated").fit()
        forecast = model.forecast(horizon)
        for h in range(horizon):
            errors[h].append(y[origin + h] - forecast[h])
    return rmse_per_horizon(errors)


def statsmodels_ar(y, origins, horizon, season):
    errors = [[] for _ in range(horizon)]
    for origin in origins:
        maxlag = max(0, min(max(8, season + 1, min(48, origin // 10)), 50, origin // 4))
        selection = ar_select_order(y[:origin], maxlag=maxlag, ic="aic", trend="c")
        lags = selection.ar_lags or 0
        fit = AutoReg(y[:origin], lags=lags, trend="c").fit()
        forecast = fit.predict(start=origin, end=origin + horizon - 1)
        for h in range(horizon):
            errors[h].append(y[origin + h] - forecast[h])
    return rmse_per_horizon(errors)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("series", nargs="?", help="a CSV series (default: the ones in captures/series)")
    parser.add_argument("--season", type=int, default=24)
    parser.add_argument("--horizon", type=int, default=12)
    parser.add_argument("--origins", type=int, default=40, help="backtest origins (default 40)")
    parser.add_argument("--sentinel", default=os.path.join(ROOT, ".build", "debug", "sentinel"))
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    runs = [(args.series, args.season)] if args.series else [(os.path.join(ROOT, p), s) for p, s in DEFAULT_SERIES]
    worst = 0.0
    for path, season in runs:
        y = read_values(path)
        origins, ours_hw, hw_summary = sentinel(args.sentinel, path, "hw", args.horizon, season, args.origins)
        origins_ar, ours_ar, ar_summary = sentinel(args.sentinel, path, "ar", args.horizon, season, args.origins)
        assert origins == origins_ar
        sm_hw = statsmodels_hw(y, origins, args.horizon, season)
        sm_ar = statsmodels_ar(y, origins, args.horizon, season)
        name = os.path.relpath(path, ROOT)
        print(f"\n{name}: {len(y)} points, season {season}, {len(origins)} origins "
              f"({origins[0]}…{origins[-1]}), horizon {args.horizon}")
        print(f"  sentinel hw on the whole series: {hw_summary}; ar: {ar_summary}")
        rows = []
        for h in range(args.horizon):
            rows.append((h + 1, ours_hw[h], sm_hw[h], ours_hw[h] / sm_hw[h], ours_ar[h], sm_ar[h], ours_ar[h] / sm_ar[h]))
        mean = lambda xs: sum(xs) / len(xs)
        rows.append(("mean", mean(ours_hw), mean(sm_hw), mean(ours_hw) / mean(sm_hw),
                     mean(ours_ar), mean(sm_ar), mean(ours_ar) / mean(sm_ar)))
        worst = max(worst, max(max(r[3], r[6]) for r in rows))
        header = ("h", "HW sentinel", "HW statsmodels", "ratio", "AR sentinel", "AR statsmodels", "ratio")
        if args.markdown:
            print("| " + " | ".join(header) + " |")
            print("|" + "---|" * len(header))
            for r in rows:
                print(f"| {r[0]} | {r[1]:.2f} | {r[2]:.2f} | {r[3]:.3f} | {r[4]:.2f} | {r[5]:.2f} | {r[6]:.3f} |")
        else:
            print("  " + "  ".join(f"{h:>14}" for h in header))
            for r in rows:
                print("  " + "  ".join(f"{v:>14.3f}" if isinstance(v, float) else f"{v:>14}" for v in r))
    print(f"\nworst ratio ours / statsmodels: {worst:.3f} (goal ≤ 1.05)")
    return 0 if worst <= 1.05 else 1


if __name__ == "__main__":
    sys.exit(main())
