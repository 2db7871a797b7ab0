#!/usr/bin/env python3
"""Compare Sentinel's classifiers with scikit-learn on the same CSV, split and settings.

For each model (nb, tree, mlp) this script

1. runs `sentinel train --csv FILE ... --model M --transform none --var-smoothing 1e-9
   --seed 42 --test-fraction 0.25 --split-out SPLIT --format json` and reads its metrics;
2. loads the same CSV in Python, drops the same columns, one-hot encodes the non-numeric
   columns (categories sorted), takes exactly the train/test rows Sentinel wrote to SPLIT,
   fits a StandardScaler on the training rows, and fits the matching scikit-learn model
   (GaussianNB / DecisionTreeClassifier / MLPClassifier, random_state 42);
3. times sklearn's `fit`, batch `predict` on the whole test part and single-row `predict`
   (one row at a time, up to 1000 test rows, mean), all with time.perf_counter.

Example:

    python3 scripts/compare-sklearn.py --csv /tmp/flows.csv --label-column Label \\
        --drop-columns 'Flow ID,Src IP'

Needs numpy, pandas and scikit-learn (pip install scikit-learn pandas).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

try:
    import numpy as np
    import pandas as pd
except ImportError:
    sys.exit("compare-sklearn.py needs numpy and pandas: pip install scikit-learn pandas")
try:
    import sklearn
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
    from sklearn.tree import DecisionTreeClassifier
except ImportError:
    sys.exit("compare-sklearn.py: scikit-learn is not installed. Install it with:\n"
             "    pip install scikit-learn pandas\n"
             "(add --break-system-packages if pip refuses on a system Python)")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SENTINEL = os.path.join(HERE, "..", ".build-bench", "release", "sentinel")
SEED = 42
TEST_FRACTION = 0.25
SINGLE_ROWS = 1000


def sklearn_model(name):
    """scikit-learn models with Sentinel's defaults."""
    if name == "nb":
        return GaussianNB(var_smoothing=1e-9)
    if name == "tree":
        return DecisionTreeClassifier(criterion="gini", max_depth=12, min_samples_split=2,
                                      min_samples_leaf=2, class_weight="balanced",
                                      random_state=SEED)
    if name == "mlp":
        return MLPClassifier(hidden_layer_sizes=(32, 16), activation="relu", solver="adam",
                             learning_rate_init=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8,
                             batch_size=64, alpha=1e-4, max_iter=300, early_stopping=True,
                             validation_fraction=0.1, n_iter_no_change=10, tol=1e-4,
                             shuffle=True, random_state=SEED)
    raise ValueError(name)


def run_sentinel(binary, args, model, split_path, model_path):
    cmd = [binary, "train", "--csv", args.csv, "--label-column", args.label_column]
    if args.drop_columns:
        cmd += ["--drop-columns", args.drop_columns]
    cmd += ["--model", model, "--transform", "none", "--var-smoothing", "1e-9",
            "--seed", str(SEED), "--test-fraction", str(TEST_FRACTION),
            "--split-out", split_path, "--format", "json", "-o", model_path]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit("sentinel failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd), proc.stderr))
    out = json.loads(proc.stdout)
    out["_wall_seconds"] = wall
    out["_command"] = cmd
    return out


def load_features(args):
    """Load the CSV like Sentinel does: numeric columns are features, others one-hot."""
    df = pd.read_csv(args.csv, low_memory=False)
    df.columns = [c.strip() for c in df.columns]
    drop = [c.strip() for c in args.drop_columns.split(",")] if args.drop_columns else []
    missing = [c for c in drop + [args.label_column] if c not in df.columns]
    if missing:
        sys.exit("columns not in %s: %s" % (args.csv, ", ".join(missing)))
    y = df[args.label_column].astype(str).to_numpy()
    X = df.drop(columns=drop + [args.label_column])
    numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
    categorical = [c for c in X.columns if c not in numeric]
    # Sentinel's default --missing drop: rows with NaN/Inf/empty numeric cells are dropped
    # before the split is numbered.
    num = X[numeric].to_numpy(dtype=np.float64)
    keep = np.isfinite(num).all(axis=1)
    parts = [num[keep]]
    names = list(numeric)
    for c in categorical:
        col = X[c].astype(str).str.strip().to_numpy()[keep]
        for cat in sorted(set(col)):
            parts.append((col == cat).astype(np.float64)[:, None])
            names.append("%s=%s" % (c, cat))
    return np.hstack(parts), y[keep], names, int((~keep).sum())


def read_split(path, n):
    split = pd.read_csv(path)
    if len(split) != n:
        sys.exit("split file %s has %d rows, CSV has %d usable rows" % (path, len(split), n))
    rows = split["row"].to_numpy()
    part = split["part"].astype(str).to_numpy()
    return rows[part == "train"], rows[part == "test"]


def time_sklearn(model_name, Xtr, ytr, Xte, yte, classes):
    clf = sklearn_model(model_name)
    t0 = time.perf_counter()
    clf.fit(Xtr, ytr)
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = clf.predict(Xte)
    batch_s = time.perf_counter() - t0
    k = min(SINGLE_ROWS, len(Xte))
    t0 = time.perf_counter()
    for i in range(k):
        clf.predict(Xte[i:i + 1])
    single_s = (time.perf_counter() - t0) / k
    res = {
        "accuracy": float(accuracy_score(yte, pred)),
        "macro_f1": float(f1_score(yte, pred, labels=classes, average="macro", zero_division=0)),
        "fit_seconds": fit_s,
        "predict_seconds": batch_s,
        "predict_rows_per_second": len(Xte) / batch_s if batch_s > 0 else float("inf"),
        "single_row_seconds": single_s,
    }
    if model_name == "mlp":
        res["epochs"] = int(clf.n_iter_)
    return res


def fmt_rate(x):
    if x >= 1e6:
        return "%.2fM" % (x / 1e6)
    if x >= 1e3:
        return "%.0fk" % (x / 1e3)
    return "%.0f" % x


def fmt_s(x):
    return "%.3g" % x


def print_table(results, meta):
    print("data: %s (%d rows: %d train, %d test; %d features; classes %d)" % (
        meta["csv"], meta["rows"], meta["train_rows"], meta["test_rows"], meta["features"],
        meta["classes"]))
    print("scikit-learn %s, numpy %s, python %s" % (meta["sklearn"], meta["numpy"], meta["python"]))
    print()
    head = ["model", "accuracy S/sk", "macro-F1 S/sk", "fit s S/sk", "batch rows/s S/sk",
            "single-row µs S/sk", "fit ratio sk/S", "single-row speedup"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        s, k = r["sentinel"], r["sklearn"]
        print("| %s | %.4f / %.4f | %.4f / %.4f | %s / %s | %s / %s | %.1f / %.1f | %.2f× | %.1f× |" % (
            r["model"], s["accuracy"], k["accuracy"], s["macro_f1"], k["macro_f1"],
            fmt_s(s["fit_seconds"]), fmt_s(k["fit_seconds"]),
            fmt_rate(s["predict_rows_per_second"]), fmt_rate(k["predict_rows_per_second"]),
            s["single_row_seconds"] * 1e6, k["single_row_seconds"] * 1e6,
            r["fit_ratio"], r["single_row_speedup"]))
    print()
    print("fit ratio = sklearn fit / Sentinel fit (>1: Sentinel trains faster); "
          "single-row speedup = sklearn / Sentinel time per lone row.")
    for r in results:
        g = r["goals"]
        print("%-5s accuracy within 1 point: %s (Δ %+.2f pt); training no slower: %s; "
              "single row ≥5× faster: %s%s" % (
                  r["model"], "yes" if g["accuracy_within_1pt"] else "NO",
                  100 * (r["sentinel"]["accuracy"] - r["sklearn"]["accuracy"]),
                  "yes" if g["fit_no_slower"] else "NO",
                  "yes" if g["single_row_5x"] else "NO",
                  ("; epochs S/sk %s/%s" % (r["sentinel"].get("epochs", "?"), r["sklearn"]["epochs"])
                   if r["model"] == "mlp" else "")))


def main():
    ap = argparse.ArgumentParser(description="Compare Sentinel's classifiers with scikit-learn.")
    ap.add_argument("--csv", required=True)
    ap.add_argument("--label-column", required=True)
    ap.add_argument("--drop-columns", default="")
    ap.add_argument("--sentinel", default=DEFAULT_SENTINEL,
                    help="path of the sentinel binary (default .build-bench/release/sentinel)")
    ap.add_argument("--models", default="nb,tree,mlp")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    for m in models:
        if m not in ("nb", "tree", "mlp"):
            ap.error("unknown model %r (nb, tree, mlp)" % m)
    binary = os.path.abspath(args.sentinel)
    if not os.access(binary, os.X_OK):
        sys.exit("sentinel binary not found at %s; build it with\n"
                 "    swift build -c release --scratch-path .build-bench --product sentinel\n"
                 "or pass --sentinel PATH" % binary)

    X, y, names, dropped = load_features(args)
    classes = sorted(set(y))
    results = []
    meta = None
    with tempfile.TemporaryDirectory(prefix="compare-sklearn-") as tmp:
        for m in models:
            split_path = os.path.join(tmp, "split-%s.csv" % m)
            s = run_sentinel(binary, args, m, split_path, os.path.join(tmp, "model-%s.json" % m))
            tr, te = read_split(split_path, len(y))
            scaler = StandardScaler().fit(X[tr])
            Xtr, Xte = scaler.transform(X[tr]), scaler.transform(X[te])
            k = time_sklearn(m, Xtr, y[tr], Xte, y[te], classes)
            sent = {key: s[key] for key in ("fit_seconds", "predict_seconds",
                                            "predict_rows_per_second", "single_row_seconds",
                                            "training_rows", "test_rows")}
            sent["accuracy"] = s["held_out"]["accuracy"]
            sent["macro_f1"] = s["held_out"]["macro_f1"]
            sent["wall_seconds"] = s["_wall_seconds"]
            if m == "mlp":  # epochs run: from the saved model file
                try:
                    with open(os.path.join(tmp, "model-%s.json" % m)) as f:
                        c = json.load(f).get("classifier", {})
                    sent["epochs"] = len(c.get("lossHistory", [])) or None
                    sent["best_epoch"] = c.get("bestEpoch")
                except (OSError, ValueError):
                    pass
            if sent["test_rows"] != len(te) or sent["training_rows"] != len(tr):
                print("warning: Sentinel reports %d/%d train/test rows, split file has %d/%d"
                      % (sent["training_rows"], sent["test_rows"], len(tr), len(te)), file=sys.stderr)
            r = {
                "model": m,
                "sentinel_command": " ".join(s["_command"]),
                "sentinel": sent,
                "sklearn": k,
                "fit_ratio": k["fit_seconds"] / sent["fit_seconds"],
                "batch_speedup": sent["predict_rows_per_second"] / k["predict_rows_per_second"],
                "single_row_speedup": k["single_row_seconds"] / sent["single_row_seconds"],
            }
            r["goals"] = {
                "accuracy_within_1pt": sent["accuracy"] >= k["accuracy"] - 0.01,
                "fit_no_slower": sent["fit_seconds"] <= k["fit_seconds"],
                "single_row_5x": r["single_row_speedup"] >= 5.0,
            }
            results.append(r)
            meta = {
                "csv": args.csv, "rows": len(y), "rows_dropped_missing": dropped,
                "train_rows": len(tr), "test_rows": len(te), "features": X.shape[1],
                "feature_names": names, "classes": len(classes),
                "sklearn": sklearn.__version__, "numpy": np.__version__,
                "python": sys.version.split()[0], "cpus": os.cpu_count(),
            }
            if not args.json:
                print("done: %s" % m, file=sys.stderr)

    if args.json:
        print(json.dumps({"meta": meta, "results": results}, indent=2))
    else:
        print_table(results, meta)


if __name__ == "__main__":
    main()
