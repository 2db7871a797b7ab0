#!/usr/bin/env python3
"""nab-tune.py — a fast loop for tuning the anomaly scorer on the Numenta Anomaly Benchmark.

What it holds:
  * a Python (numba) port of `StreamingAnomalyScorer` (Sources/SentinelForecast/Anomalies),
    with the same defaults as `sentinel anomalies` (season rule included);
  * a re-implementation of NAB's threshold sweep (scorer/nab/sweeper.py: probation, scaled
    sigmoid, one threshold for the whole corpus, the three profiles, normalised by the null
    detector), which scores all 58 files in well under a second.

It is a tuning aid, not the evaluation: `scripts/nab-evaluate.sh` runs the real binary and
NAB's own scorer. `--check DIR` compares the port with a results folder the binary wrote
(`score.sh --keep` or `sentinel anomalies -o`), and `--nab DIR` scores such a folder with this
sweep, to confirm both agree with NAB's figure.

Usage (needs numpy, pandas and numba; the venv of nab-evaluate.sh plus `pip install numba`):
  /tmp/nabenv/bin/python scripts/nab-tune.py                 # the port, three profiles + halves
  /tmp/nabenv/bin/python scripts/nab-tune.py --nab RESULTS/sentinel
  /tmp/nabenv/bin/python scripts/nab-tune.py --set warmup=100 --set window=600
Env: NAB_DIR (default ../shared/nab beside the checkout).
"""
import argparse
import glob
import json
import math
import os

import numpy as np
import pandas as pd
from numba import njit

HERE = os.path.dirname(os.path.abspath(__file__))
NAB = os.environ.get("NAB_DIR", os.path.join(HERE, "..", "..", "shared", "nab"))
PROFILES = {"standard": (1.0, 0.11, 1.0), "reward_low_FP_rate": (1.0, 0.22, 1.0), "reward_low_FN_rate": (1.0, 0.11, 2.0)}


# ----------------------------------------------------------------------------- the benchmark
def scaled_sigmoid(x):
    return -1.0 if x > 3.0 else 2.0 / (1.0 + math.exp(5.0 * x)) - 1.0


class Corpus:
    """NAB's files with, per row, the window it belongs to and its unweighted sweep score."""

    def __init__(self, nab=NAB):
        windows = json.load(open(os.path.join(nab, "labels", "combined_windows.json")))
        self.files = []
        self.window_count = sum(len(w) for w in windows.values())
        wid = 0
        for path in sorted(glob.glob(os.path.join(nab, "data", "*", "*.csv"))):
            rel = os.path.relpath(path, os.path.join(nab, "data"))
            frame = pd.read_csv(path)
            stamps = pd.to_datetime(frame["timestamp"])
            times = stamps.astype("int64").to_numpy() / 1e9
            values = frame["value"].to_numpy(dtype=float)
            n = len(values)
            label = np.full(n, -1, dtype=np.int64)
            unweighted = np.empty(n)
            position = {t: i for i, t in enumerate(stamps)}
            limits = [(position[pd.Timestamp(a)], position[pd.Timestamp(b)]) for a, b in windows[rel]]
            prev_right = prev_width = None
            k = 0
            i = 0
            while i < n:
                if k < len(limits) and i == limits[k][0]:
                    left, right = limits[k]
                    width = right - left + 1
                    for j in range(left, right + 1):
                        label[j] = wid + k
                        unweighted[j] = scaled_sigmoid(-(right - j + 1) / width)
                    prev_right, prev_width = right, width
                    k += 1
                    i = right + 1
                    continue
                unweighted[i] = -1.0 if prev_right is None else scaled_sigmoid(abs(prev_right - i) / (prev_width - 1))
                i += 1
            probation = int(min(math.floor(0.15 * n), 0.15 * 5000))
            label[:probation] = -2
            wid += len(limits)
            self.files.append(dict(name=rel, times=times, values=values, label=label, unweighted=unweighted,
                                   season=default_season(times, n)))

    def score(self, scores, subset=None):
        """NAB's normalised score per profile for per-file score arrays (threshold swept)."""
        subset = range(len(self.files)) if subset is None else subset
        out = {}
        max_tp = scaled_sigmoid(-1.0)
        for profile, (tpw, fpw, fnw) in PROFILES.items():
            ev_s, ev_v = [], []
            windows = 0
            for f in subset:
                d = self.files[f]
                s = np.round(np.asarray(scores[f], dtype=float), 6)
                lab, u = d["label"], d["unweighted"]
                outside = lab == -1
                ev_s.append(s[outside]); ev_v.append(u[outside] * fpw)
                for w in np.unique(lab[lab >= 0]):
                    idx = np.nonzero(lab == w)[0]
                    windows += 1
                    order = idx[np.argsort(-s[idx], kind="stable")]
                    best = -fnw
                    for j in order:
                        v = u[j] * tpw / max_tp
                        if v > best:
                            ev_s.append(np.array([s[j]])); ev_v.append(np.array([v - best]))
                            best = v
            es = np.concatenate(ev_s); ev = np.concatenate(ev_v)
            order = np.argsort(-es, kind="stable")
            es, ev = es[order], ev[order]
            total = np.cumsum(ev) - fnw * windows
            last = np.nonzero(np.append(es[1:] != es[:-1], True))[0]
            candidates = np.append(-fnw * windows, total[last])
            thresholds = np.append(1.1, es[last])
            best = int(np.argmax(candidates))
            raw = candidates[best]
            # null detector: every window missed; perfect: every window at its left edge
            null = -fnw * windows
            perfect = windows * tpw
            out[profile] = (100 * (raw - null) / (perfect - null), thresholds[best])
        return out


def default_season(times, n):
    diffs = np.diff(np.sort(times))
    diffs = np.sort(diffs[diffs > 0])
    if len(diffs) == 0:
        return 1
    step = diffs[len(diffs) // 2]
    per_day = 86400 / step
    if per_day < 2 or abs(per_day - round(per_day)) >= 1e-6:
        return 1
    day = int(round(per_day))
    return day if day <= 1000 and n >= 3 * day else 1


# ----------------------------------------------------------------------------- the scorer
# The defaults of `sentinel anomalies` (StreamingAnomalyScorer). Set echo_slack=-1 after_alarm=-1
# for the scorer before the echoes (NAB 67.4), and also long_factor=1, weekly_w=0, long_beyond=1,
# suppression=100 for the scorer before the long memory (NAB 59.0); season_familiar=1 for the
# scorer before the seasonal long memory (NAB 68.8); agree=0 for the scorer before the agreement
# (NAB 69.0). The experiments below the
# shipped parameters (early_*, discord_*, after_mark, rhythm_*) are off; docs/anomalies.md gives
# their figures.
DEFAULTS = dict(warmup=50, window=800, suppression=120, hold=60, short=20, shift_w=3.0, extreme_w=30.0,
                seasonal_short=5, suppressed=0.3, floor=1e-3, scale=3 * math.log(10) / math.log(2.5),
                threshold=0.6, weekly_w=1.0, longest_week=10080, long_window=4000, long_after=2000,
                long_factor=0.2, long_beyond=1.5,
                # tried, off: a count-based familiarity before the long memory; a subsequence discord
                early_m=0, early_factor=1.0, early_from=0,
                discord_k=0, discord_w=0.0, discord_stride=1, discord_len=800, discord_z=0, discord_long=0, discord_norm=0.0,
                # shipped: the seasonal echo (echo_all: also after long_after, tried, off)
                echo_slack=8, echo_tol=0.2, echo_factor=0.25, echo_all=0, echo_seasons=3,
                # shipped: the alarm echo (after_alarm: slack after, _lead: before; after_mark: tried, off)
                after_alarm=5, after_alarm_lead=5, after_alarm_factor=0.3, after_mark=0.0,
                # tried, off: a rhythm of spikes
                rhythm_slack=-1, rhythm_d=6.9, rhythm_factor=1.0, rhythm_all=0,
                # tried, off (dist_weight=0.03 for 69.9, one early window): a distribution change —
                # the last dist_recent values' bins (their z against the window, over ±dist_z in
                # dist_bins bins) against the dist_reference bins before them, G = 2·Σ r·ln(p/q),
                # distance dist_weight·G times the value's long-memory (and echo) factor;
                # dist_familiar damps a G within the range of its own long memory
                dist_recent=40, dist_reference=2000, dist_bins=6, dist_z=3.0, dist_weight=0.0,
                dist_min_reference=100, dist_familiar=1.0,
                # shipped: the seasonal long memory — the daily seasonal distance of a point whose
                # mean of the last 5 differences lies within the range of the last long_window
                # such means (from long_after) scaled by season_familiar; the weekly one, and
                # factors beyond that range: tried, off
                season_familiar=0.8, season_beyond=1.0, weekly_familiar=1.0, weekly_beyond=1.0,
                # shipped: agreement — distance = max(pointwise, seasonal) + agree·min(pointwise,
                # seasonal) for a value no familiarity rule recognised (agree_gate=1; 0: always,
                # tried); agree_floor: the smaller one must reach it (tried, off)
                agree=0.7, agree_gate=1, agree_floor=0.0)
NAMES = list(DEFAULTS)


@njit
def _seasonal(last, dring, drecent, state, value, index, season, window, short, starts_at, floor_range,
              lring, lf, lafter, lb):
    """SeasonalDifferences.observe; state = [ring head, ring count, recent count, familiar]; lring: the
    recent means of the last len(lring) points (the seasonal long memory, factors lf within, lb
    beyond their range, from the lafter-th point)."""
    slot = index % season
    diff = value - last[slot] if index >= season else 0.0
    last[slot] = value
    drecent[index % short] = diff
    state[2] = min(state[2] + 1, short)
    recent = 0.0
    for j in range(state[2]):
        recent += drecent[j]
    recent /= state[2]
    out = 0.0
    count = state[1]
    if index >= starts_at + season and count > 20:
        mean = 0.0
        for j in range(count):
            mean += dring[j]
        mean /= count
        sd = 0.0
        for j in range(count):
            sd += (dring[j] - mean) ** 2
        sd = math.sqrt(sd / count)
        out = abs(recent - mean) / max(sd, floor_range, 1e-9)
    if lf != 1.0 or lb != 1.0:
        span = len(lring)
        if index >= lafter:
            lo = 1e300
            hi = -1e300
            for j in range(min(index, span)):
                lo = min(lo, lring[j])
                hi = max(hi, lring[j])
            out *= lf if lo <= recent <= hi else lb
            state[3] = 1 if lo <= recent <= hi else 0
        lring[index % span] = recent
    if index >= starts_at:
        dring[state[0]] = diff
        state[0] = (state[0] + 1) % window
        state[1] = min(count + 1, window)
    return out


@njit
def _score(values, season, P):
    """StreamingAnomalyScorer.observe over a series (statistics recomputed by brute force)."""
    warmup = int(P[0]); window = int(P[1]); suppression = int(P[2]); hold = int(P[3]); short = int(P[4])
    shift_w = P[5]; extreme_w = P[6]; sshort = int(P[7]); suppressed = P[8]; floor = P[9]; scale = P[10]
    threshold = P[11]; weekly_w = P[12]; longest_week = int(P[13]); long_window = int(P[14])
    long_after = int(P[15]); long_factor = P[16]; long_beyond = P[17]
    early_m = int(P[18]); early_factor = P[19]; early_from = int(P[20])
    dk = int(P[21]); dw = P[22]; dstride = int(P[23]); dlen = int(P[24]); dz = int(P[25]); dlong = int(P[26]); dnorm = P[27]
    echo_slack = int(P[28]); echo_tol = P[29]; echo_factor = P[30]; echo_all = int(P[31]); echo_seasons = int(P[32])
    aa_w = int(P[33]); aa_lead = int(P[34]); aa_f = P[35]; aa_mark = P[36]
    rh_slack = int(P[37]); rh_d = P[38]; rh_f = P[39]; rh_all = int(P[40])
    dsw = int(P[41]); dsl = int(P[42]); dsb = int(P[43]); dsz = P[44]; dsweight = P[45]; dsmin = int(P[46])
    dsfam = P[47]; slf = P[48]; slb = P[49]; slwf = P[50]; slwb = P[51]
    agree = P[52]; agree_gate = int(P[53]); agree_floor = P[54]
    ds_long = np.zeros(max(long_window, 1))
    sl1 = np.zeros(max(long_window, 1)); sl2 = np.zeros(max(long_window, 1))
    ds_bins = np.zeros(dsw + dsl + 1, np.int64)
    ds_recent = np.zeros(max(dsb, 1))
    ds_ref = np.zeros(max(dsb, 1))
    ev1 = -(1 << 40)
    ev2 = -(1 << 40)
    alarms = np.zeros(len(values), np.bool_)
    nn_avg = 0.0
    nn_n = 0
    n = len(values)
    out = np.zeros(n)
    which = np.zeros(n, np.int64)
    dist = np.zeros(n)
    top = np.full(max(early_m, 1), -1e300)
    bot = np.full(max(early_m, 1), 1e300)
    ring = np.zeros(window)
    head = 0
    count = 0
    recent = np.zeros(short)
    rcount = 0
    week = 7 * season
    has_week = season > 1 and week <= longest_week and weekly_w > 0
    l1 = np.zeros(max(season, 1)); r1 = np.zeros(window); q1 = np.zeros(sshort); s1 = np.zeros(4, np.int64)
    l2 = np.zeros(max(week, 1)); r2 = np.zeros(window); q2 = np.zeros(sshort); s2 = np.zeros(4, np.int64)
    long_ring = np.zeros(max(long_window, 1))
    held = np.zeros(hold + 1)
    nheld = 0
    last_alarm = -(1 << 40)
    for index in range(n):
        value = values[index]
        factor = 1.0
        familiar = False  # a familiarity rule recognised the value (no agreement then)
        if long_window > 0 and index >= long_after:
            lmax = -1e300
            lmin = 1e300
            for j in range(min(index, long_window)):
                lmax = max(lmax, long_ring[j])
                lmin = min(lmin, long_ring[j])
            factor = long_factor if lmin <= value <= lmax else long_beyond
            familiar = lmin <= value <= lmax
        elif early_m > 0 and early_from <= index:
            if bot[early_m - 1] <= value <= top[early_m - 1]:
                factor = early_factor
        if early_m > 0:
            if value > top[early_m - 1]:
                j = early_m - 1
                while j > 0 and top[j - 1] < value:
                    top[j] = top[j - 1]
                    j -= 1
                top[j] = value
            if value < bot[early_m - 1]:
                j = early_m - 1
                while j > 0 and bot[j - 1] > value:
                    bot[j] = bot[j - 1]
                    j -= 1
                bot[j] = value
        if long_window > 0:
            long_ring[index % long_window] = value
        recent[index % short] = value
        rcount = min(rcount + 1, short)
        rmean = 0.0
        for j in range(rcount):
            rmean += recent[j]
        rmean /= rcount
        vmax = -1e300
        vmin = 1e300
        mean = 0.0
        for j in range(count):
            mean += ring[j]
            vmax = max(vmax, ring[j])
            vmin = min(vmin, ring[j])
        rng = 0.0
        if count > 0:
            mean /= count
            rng = vmax - vmin
        sd = 0.0
        if count > 1:
            for j in range(count):
                sd += (ring[j] - mean) ** 2
            sd = math.sqrt(sd / count)
        seasonal = 0.0
        if season > 1:
            seasonal = _seasonal(l1, r1, q1, s1, value, index, season, window, sshort, season + warmup, floor * rng,
                                 sl1, slf, long_after, slb)
            if aa_w >= 0 and _alarmed(alarms, index - season - aa_w, index - season + aa_lead):
                seasonal *= aa_f
            if has_week:
                sw = weekly_w * _seasonal(l2, r2, q2, s2, value, index, week, window, sshort, week + warmup, floor * rng,
                                          sl2, slwf, long_after, slwb)
                if aa_w >= 0 and _alarmed(alarms, index - week - aa_w, index - week + aa_lead):
                    sw *= aa_f
                seasonal = max(seasonal, sw)
        dchange = 0.0
        if dsweight > 0:
            b = dsb // 2
            if count > 0:
                z = (value - mean) / max(sd, floor * rng, 1e-9)
                b = min(max(int(math.floor((z + dsz) / (2 * dsz) * dsb)), 0), dsb - 1)
            ds_bins[index % (dsw + dsl + 1)] = b
            ds_recent[b] += 1
            if index >= dsw:
                old = ds_bins[(index - dsw) % (dsw + dsl + 1)]
                ds_recent[old] -= 1
                ds_ref[old] += 1
            if index >= dsw + dsl:
                ds_ref[ds_bins[(index - dsw - dsl) % (dsw + dsl + 1)]] -= 1
            nref = min(max(index - dsw + 1, 0), dsl)
            if nref >= dsmin:
                g = 0.0
                for k in range(dsb):
                    if ds_recent[k] > 0:
                        pk = ds_recent[k] / dsw
                        g += ds_recent[k] * math.log(pk * (nref + 0.5 * dsb) / (ds_ref[k] + 0.5))
                dchange = dsweight * 2 * g
            if dsfam != 1.0:  # tried, off: damp a statistic within the range of its own long memory
                raw = dchange
                if index >= long_after:
                    gmax = 0.0
                    for j in range(min(index, long_window)):
                        gmax = max(gmax, ds_long[j])
                    if dchange <= gmax:
                        dchange *= dsfam
                ds_long[index % long_window] = raw
        if index < warmup or count == 0:
            ring[head] = value
            head = (head + 1) % window
            count = min(count + 1, window)
            continue
        spread = max(sd, floor * rng, 1e-9)
        spike = abs(value - mean) / spread
        shift = shift_w * abs(rmean - mean) / spread
        extreme = 0.0
        if rng > 0:
            extreme = extreme_w * max(0.0, max((value - vmax) / rng, (vmin - value) / rng))
        # the seasonal echo (before the long memory): the value was there a season ago (± slack)
        if echo_slack >= 0 and season > 1 and (echo_all or index < long_after):
            dev = abs(value - mean)
            hit = False
            for back in range(1, echo_seasons + 1):
                lag = back * season
                for j in range(max(0, index - lag - echo_slack), min(index - lag + echo_slack + 1, index)):
                    if abs(values[j] - value) <= echo_tol * dev:
                        hit = True
            if hit:
                factor *= echo_factor
                familiar = True
        if rh_slack >= 0 and spike >= rh_d:
            if (rh_all or index < long_after) and index - ev1 > 20 and abs((index - ev1) - (ev1 - ev2)) <= rh_slack:
                factor *= rh_f
            if index - ev1 > 20:
                ev2 = ev1
                ev1 = index
        spike *= factor
        shift *= factor
        extreme *= factor
        discord = 0.0
        if dk > 0 and index >= dk + 2 * dk:
            discord = dw * _discord(values, index, dk, dstride, dlen, dz, spread)
            if dnorm > 0:
                raw = discord
                discord = dw * discord / nn_avg if nn_n >= 50 and nn_avg > 0 else 0.0
                nn_n += 1
                nn_avg += (raw - nn_avg) * max(dnorm, 1.0 / nn_n)
            if dlong:
                discord *= factor
        dchange *= factor
        distance = max(max(max(max(spike, shift), max(extreme, seasonal)), discord), dchange)
        if agree > 0 and season > 1 and slf != 1.0 and s1[3] == 1 and index >= long_after:
            familiar = True
        if agree > 0 and not (agree_gate and familiar):
            smaller = min(max(max(spike, shift), extreme), seasonal)
            if smaller >= agree_floor:
                distance += agree * smaller
        w = 1
        if distance == shift:
            w = 2
        if distance == extreme:
            w = 3
        if distance == seasonal:
            w = 4
        if distance == discord and discord > 0:
            w = 5
        if distance == dchange and dchange > 0:
            w = 6
        if distance == spike:
            w = 1
        if distance > max(max(spike, shift), max(extreme, seasonal)) and w < 5:
            w = 7  # raised by the agreement
        which[index] = w
        dist[index] = distance
        unsup = 1 - math.exp(-distance / scale)
        score = unsup
        if index - last_alarm < suppression:
            score *= suppressed
        elif score >= threshold:
            last_alarm = index
            alarms[index] = True
        if aa_mark > 0 and max(spike, extreme) >= aa_mark * factor:
            alarms[index] = True
        out[index] = score
        anomalous = last_alarm == index or (nheld > 0 and unsup >= threshold)
        if anomalous and nheld + 1 < hold:
            held[nheld] = value
            nheld += 1
        else:
            for j in range(nheld):
                ring[head] = held[j]
                head = (head + 1) % window
                count = min(count + 1, window)
            nheld = 0
            ring[head] = value
            head = (head + 1) % window
            count = min(count + 1, window)
    return out, which, dist


@njit
def _alarmed(alarms, lo, hi):
    for j in range(max(lo, 0), min(hi + 1, len(alarms))):  # alarms ahead of the point are not set yet
        if alarms[j]:
            return True
    return False


@njit
def _discord(values, index, k, stride, length, z, spread):
    """Nearest-neighbour distance of the last k values (ending at index) to the k-subsequences
    of the `length` values before them (non-overlapping with the query), every `stride`-th start."""
    q0 = index - k + 1
    lo = max(0, q0 - length)
    best = 1e300
    qm = 0.0
    if z:
        for j in range(k):
            qm += values[q0 + j]
        qm /= k
    s = q0 - k
    while s >= lo:
        cm = 0.0
        if z:
            for j in range(k):
                cm += values[s + j]
            cm /= k
        d = 0.0
        for j in range(k):
            e = (values[q0 + j] - qm) - (values[s + j] - cm)
            d += e * e
            if d >= best:
                break
        if d < best:
            best = d
        s -= stride
    if best == 1e300:
        return 0.0
    return math.sqrt(best / k) / spread


def score_current(d, p):
    return _score(d["values"], d["season"], np.array([p[k] for k in NAMES], dtype=float))[0]


def score_diag(d, p):
    return _score(d["values"], d["season"], np.array([p[k] for k in NAMES], dtype=float))


SCORERS = {"current": (score_current, DEFAULTS)}


def report(corpus, scores, label):
    full = corpus.score(scores)
    a = corpus.score(scores, range(0, len(corpus.files), 2))
    b = corpus.score(scores, range(1, len(corpus.files), 2))
    print(f"{label:<28} std {full['standard'][0]:6.2f} (t {full['standard'][1]:.3f})  lowFP "
          f"{full['reward_low_FP_rate'][0]:6.2f}  lowFN {full['reward_low_FN_rate'][0]:6.2f}  "
          f"halves {a['standard'][0]:6.2f} / {b['standard'][0]:6.2f}")
    return full


def read_results(corpus, folder):
    scores = []
    for d in corpus.files:
        cat, name = d["name"].split("/")
        path = glob.glob(os.path.join(folder, cat, f"*_{name}"))[0]
        scores.append(pd.read_csv(path)["anomaly_score"].to_numpy())
    return scores


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scorer", default="current", choices=sorted(SCORERS))
    ap.add_argument("--set", action="append", default=[], help="param=value")
    ap.add_argument("--nab", help="score a results folder (RESULTS/<detector>) with this sweep")
    ap.add_argument("--check", help="compare the port's scores with a results folder")
    ap.add_argument("--per-file", action="store_true")
    args = ap.parse_args()
    corpus = Corpus()
    if args.nab:
        report(corpus, read_results(corpus, args.nab), os.path.basename(args.nab.rstrip("/")))
        return
    fn, defaults = SCORERS[args.scorer]
    p = dict(defaults)
    for kv in args.set:
        k, v = kv.split("=")
        p[k] = type(defaults[k])(float(v)) if isinstance(defaults[k], (int, float)) else v
    scores = [fn(d, p) for d in corpus.files]
    report(corpus, scores, args.scorer)
    if args.check:
        theirs = read_results(corpus, args.check)
        worst = max(float(np.max(np.abs(np.round(s, 6) - t))) for s, t in zip(scores, theirs))
        print(f"largest difference from {args.check}: {worst:.2e}")
    if args.per_file:
        for i, d in enumerate(corpus.files):
            r = corpus.score(scores, [i])
            print(f"  {d['name']:<55} {r['standard'][0]:7.1f}")


if __name__ == "__main__":
    main()
