#!/usr/bin/env python3
"""Generate a synthetic, public-style (CICFlowMeter-like) labelled flow CSV.

One row per flow: `Flow ID` and `Src IP` (identifiers, to be dropped before training),
`Protocol` (categorical text: tcp, udp, icmp), 22 numeric flow features and `Label`
(BENIGN, DoS-SYN, DoS-UDP, PortScan, DDoS-HTTP, Slowloris).

The class-conditional distributions are log-normal / gamma with realistic skew and
deliberately overlap (slow benign flows look like Slowloris, short benign TCP flows look
like port probes, bursts of benign UDP look like floods); 1.5 % of the labels are also
flipped at random, so no classifier can reach 100 %. The output is deterministic for a
given --seed and contains no NaN, infinite or empty cells.

    python3 scripts/make-flows-csv.py --rows 300000 --seed 7 -o /tmp/flows.csv

Needs numpy and pandas. The data are synthetic: they are a realistic *shape* of data set
(size, skew, mixed types, identifiers) for benchmarking, not real traffic.
"""
import argparse
import sys

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover
    sys.exit("make-flows-csv.py needs numpy and pandas: pip install numpy pandas")

CLASSES = ["BENIGN", "DoS-SYN", "DoS-UDP", "PortScan", "DDoS-HTTP", "Slowloris"]
SHARES = [0.52, 0.12, 0.09, 0.12, 0.10, 0.05]
LABEL_NOISE = 0.015


def lognormal(rng, median, sigma, n):
    return rng.lognormal(np.log(median), sigma, n)


def gen_class(rng, name, n):
    """Return a dict of numpy arrays for n flows of one class."""
    c = {}
    if name == "BENIGN":
        proto = rng.choice(["tcp", "udp", "icmp"], n, p=[0.72, 0.24, 0.04])
        dport = rng.choice([443, 80, 53, 22, 123, 8080, 3306, 25], n,
                           p=[0.45, 0.18, 0.17, 0.05, 0.04, 0.04, 0.04, 0.03]).astype(float)
        dport = np.where(rng.random(n) < 0.10, rng.integers(1024, 65535, n), dport)
        dur = lognormal(rng, 1.5e6, 2.2, n)              # µs, very wide
        fwd = 1 + rng.gamma(1.2, 9.0, n)
        bwd = np.maximum(0, fwd * lognormal(rng, 1.1, 0.6, n) + rng.normal(0, 1, n))
        fwd_len = lognormal(rng, 180, 0.9, n)
        bwd_len = lognormal(rng, 650, 1.0, n)
        syn = (rng.random(n) < 0.9).astype(float)
        ack_share = rng.beta(8, 2, n)
        rst = (rng.random(n) < 0.06).astype(float)
        fin = (rng.random(n) < 0.75).astype(float) * rng.integers(1, 3, n)
        psh = rng.poisson(fwd * 0.35)
        win = rng.choice([64240, 65535, 29200, 8192, 502], n, p=[0.4, 0.3, 0.15, 0.1, 0.05])
    elif name == "DoS-SYN":
        proto = np.full(n, "tcp", dtype=object)
        dport = rng.choice([80, 443, 22, 8080], n, p=[0.5, 0.3, 0.1, 0.1]).astype(float)
        dur = lognormal(rng, 3.0e3, 1.8, n)
        fwd = 1 + rng.poisson(0.6, n).astype(float)
        bwd = rng.binomial(1, 0.55, n).astype(float)
        fwd_len = lognormal(rng, 2.0, 1.2, n)              # SYNs carry (almost) no payload
        bwd_len = lognormal(rng, 2.0, 1.2, n)
        syn = fwd.copy()
        ack_share = rng.beta(1, 6, n)
        rst = rng.binomial(1, 0.45, n).astype(float)
        fin = np.zeros(n)
        psh = np.zeros(n)
        win = rng.choice([512, 1024, 64240, 8192], n, p=[0.4, 0.3, 0.2, 0.1])
    elif name == "DoS-UDP":
        proto = rng.choice(["udp", "icmp"], n, p=[0.93, 0.07])
        dport = np.where(rng.random(n) < 0.5, 53.0, rng.integers(1, 65535, n).astype(float))
        dur = lognormal(rng, 2.0e5, 1.6, n)
        fwd = 1 + rng.gamma(2.0, 40.0, n)
        bwd = rng.poisson(0.3, n).astype(float)
        fwd_len = lognormal(rng, 900, 0.5, n)
        bwd_len = lognormal(rng, 80, 0.8, n)
        syn = np.zeros(n)
        ack_share = np.zeros(n)
        rst = np.zeros(n)
        fin = np.zeros(n)
        psh = np.zeros(n)
        win = np.zeros(n)
    elif name == "PortScan":
        proto = rng.choice(["tcp", "udp"], n, p=[0.9, 0.1])
        dport = rng.integers(1, 65535, n).astype(float)
        dur = lognormal(rng, 80.0, 1.5, n)
        fwd = 1 + rng.binomial(1, 0.2, n).astype(float)
        bwd = rng.binomial(1, 0.8, n).astype(float)
        fwd_len = lognormal(rng, 3.0, 1.5, n)
        bwd_len = lognormal(rng, 3.0, 1.5, n)
        syn = np.ones(n)
        ack_share = rng.beta(1.5, 3, n)
        rst = rng.binomial(1, 0.85, n).astype(float)
        fin = np.zeros(n)
        psh = np.zeros(n)
        win = rng.choice([1024, 2048, 4096, 65535], n, p=[0.5, 0.2, 0.2, 0.1])
    elif name == "DDoS-HTTP":
        proto = np.full(n, "tcp", dtype=object)
        dport = rng.choice([80, 8080, 443], n, p=[0.7, 0.2, 0.1]).astype(float)
        dur = lognormal(rng, 4.0e5, 1.4, n)
        fwd = 3 + rng.gamma(2.0, 3.0, n)
        bwd = np.maximum(1, fwd * lognormal(rng, 0.9, 0.4, n))
        fwd_len = lognormal(rng, 120, 0.5, n)
        bwd_len = lognormal(rng, 350, 1.1, n)
        syn = np.ones(n)
        ack_share = rng.beta(9, 1.5, n)
        rst = (rng.random(n) < 0.15).astype(float)
        fin = (rng.random(n) < 0.6).astype(float)
        psh = rng.poisson(fwd * 0.5)
        win = rng.choice([64240, 29200, 65535], n, p=[0.5, 0.3, 0.2])
    elif name == "Slowloris":
        proto = np.full(n, "tcp", dtype=object)
        dport = rng.choice([80, 443], n, p=[0.8, 0.2]).astype(float)
        dur = lognormal(rng, 6.0e7, 0.9, n)               # long-lived, trickling headers
        fwd = 2 + rng.gamma(3.0, 4.0, n)
        bwd = np.maximum(0, rng.poisson(fwd * 0.5).astype(float))
        fwd_len = lognormal(rng, 25, 0.7, n)
        bwd_len = lognormal(rng, 30, 1.5, n)
        syn = np.ones(n)
        ack_share = rng.beta(9, 1, n)
        rst = (rng.random(n) < 0.05).astype(float)
        fin = (rng.random(n) < 0.1).astype(float)
        psh = rng.poisson(fwd * 0.8)
        win = rng.choice([64240, 29200], n, p=[0.6, 0.4])
    else:  # pragma: no cover
        raise ValueError(name)

    fwd = np.round(fwd)
    bwd = np.round(bwd)
    tot = fwd + bwd
    dur = np.maximum(np.round(dur), 1.0)
    fwd_std = fwd_len * rng.gamma(2.0, 0.25, n) * (fwd > 1)
    bwd_std = bwd_len * rng.gamma(2.0, 0.25, n) * (bwd > 1)
    fwd_bytes = np.round(fwd * fwd_len)
    bwd_bytes = np.round(bwd * bwd_len)
    iat_mean = dur / np.maximum(tot - 1, 1)
    iat_std = iat_mean * rng.gamma(1.5, 0.6, n)
    seconds = dur / 1e6

    # ICMP and UDP have no TCP flags or window.
    not_tcp = proto != "tcp"
    ack = np.round(ack_share * tot)
    for arr in (syn, ack, rst, fin, psh, win):
        arr[not_tcp] = 0

    c["Protocol"] = proto
    c["Dst Port"] = dport
    c["Flow Duration"] = dur
    c["Tot Fwd Pkts"] = fwd
    c["Tot Bwd Pkts"] = bwd
    c["TotLen Fwd Pkts"] = fwd_bytes
    c["TotLen Bwd Pkts"] = bwd_bytes
    c["Fwd Pkt Len Mean"] = fwd_bytes / np.maximum(fwd, 1)
    c["Fwd Pkt Len Std"] = fwd_std
    c["Bwd Pkt Len Mean"] = bwd_bytes / np.maximum(bwd, 1)
    c["Bwd Pkt Len Std"] = bwd_std
    c["Flow Byts/s"] = (fwd_bytes + bwd_bytes) / seconds
    c["Flow Pkts/s"] = tot / seconds
    c["Flow IAT Mean"] = iat_mean
    c["Flow IAT Std"] = iat_std
    c["SYN Flag Cnt"] = syn
    c["ACK Flag Cnt"] = ack
    c["RST Flag Cnt"] = rst
    c["FIN Flag Cnt"] = np.asarray(fin, dtype=float)
    c["PSH Flag Cnt"] = np.asarray(psh, dtype=float)
    c["Down/Up Ratio"] = np.floor(bwd / np.maximum(fwd, 1))
    c["Init Fwd Win Byts"] = np.asarray(win, dtype=float)
    c["Pkt Size Avg"] = (fwd_bytes + bwd_bytes) / np.maximum(tot, 1)
    return c


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=300_000, help="number of flows (default 300000)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("-o", "--output", default="flows.csv", help="output CSV (default flows.csv)")
    args = ap.parse_args()
    if args.rows < len(CLASSES):
        ap.error("--rows must be at least %d" % len(CLASSES))

    rng = np.random.default_rng(args.seed)
    counts = np.floor(np.array(SHARES) * args.rows).astype(int)
    counts[0] += args.rows - counts.sum()

    parts = []
    for name, n in zip(CLASSES, counts):
        cols = gen_class(rng, name, int(n))
        df = pd.DataFrame(cols)
        df["Label"] = name
        parts.append(df)
    df = pd.concat(parts, ignore_index=True)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)

    # Multiplicative measurement noise on the continuous columns, then label noise.
    for col in ["Flow Duration", "Flow Byts/s", "Flow Pkts/s", "Flow IAT Mean", "Flow IAT Std"]:
        df[col] = df[col] * rng.lognormal(0.0, 0.05, len(df))
    flip = rng.random(len(df)) < LABEL_NOISE
    df.loc[flip, "Label"] = rng.choice(CLASSES, int(flip.sum()))

    n = len(df)
    src = rng.integers(0, 2**32, n, dtype=np.uint64)
    dst = rng.integers(0, 2**32, n, dtype=np.uint64)
    sport = rng.integers(1024, 65536, n)

    def dotted(a):
        a = a.astype(np.uint64)
        return ((a >> 24).astype(str).astype(object) + "." + ((a >> 16) & 255).astype(str).astype(object)
                + "." + ((a >> 8) & 255).astype(str).astype(object) + "." + (a & 255).astype(str).astype(object))

    src_ip = dotted(src)
    dst_ip = dotted(dst)
    proto_num = df["Protocol"].map({"tcp": "6", "udp": "17", "icmp": "1"}).to_numpy(dtype=object)
    flow_id = (src_ip + "-" + dst_ip + "-" + sport.astype(str).astype(object) + "-"
               + df["Dst Port"].astype(int).astype(str).to_numpy(dtype=object) + "-" + proto_num)
    df.insert(0, "Src IP", src_ip)
    df.insert(0, "Flow ID", flow_id)

    numeric = df.select_dtypes("number")
    assert np.isfinite(numeric.to_numpy()).all(), "generated a non-finite value"
    df.to_csv(args.output, index=False, float_format="%.6g")
    print("wrote %s: %d rows, %d columns; %s" % (
        args.output, n, df.shape[1],
        ", ".join("%s %d" % (k, v) for k, v in df["Label"].value_counts().sort_index().items())),
        file=sys.stderr)


if __name__ == "__main__":
    main()
