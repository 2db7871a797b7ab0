#!/usr/bin/python3
"""site-baselines.py -- each lab site's baseline, and the half of it never learnt (issue 13).

  site-baselines.py [--data /work/lab-data] [--sentinel .build/release/sentinel]

Cuts every background (DATA/backgrounds/*.pcap) in two halves by time, learns the site's
baseline from the first half with `sentinel baseline` (DATA/site/baselines/<bg>.json) and
keeps the second half as a benign capture never learnt (DATA/site/halves/<bg>.pcap, listed
in DATA/site/halves/labels.csv as normal). `windows-dataset.py --baselines` then analyses the
grid files and the halves against their site's baseline, which gives the site-relative
features (`site_z_*`) the site model (`scripts/train-site-model.sh`) trains on.
"""
import argparse, glob, importlib.util, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("evaluate_gate", os.path.join(here, "evaluate-gate.py"))
evaluate_gate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evaluate_gate)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/work/lab-data")
    ap.add_argument("--sentinel", default=os.path.join(here, "../../.build/release/sentinel"))
    a = ap.parse_args()
    baselines = os.path.join(a.data, "site", "baselines")
    halves = os.path.join(a.data, "site", "halves")
    os.makedirs(baselines, exist_ok=True)
    os.makedirs(halves, exist_ok=True)
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(a.data, "backgrounds", "bg_*.pcap")))
    with open(os.path.join(halves, "labels.csv"), "w") as labels:
        labels.write("file,class,start,end\n")
        for name in names:
            first = os.path.join(halves, name.removesuffix(".pcap") + ".first.pcap")
            second = os.path.join(halves, name)
            seconds = evaluate_gate.split_pcap(os.path.join(a.data, "backgrounds", name), first, second)
            site = os.path.join(baselines, name.removesuffix(".pcap") + ".json")
            subprocess.run([a.sentinel, "baseline", first, "-o", site], check=True, stdout=subprocess.DEVNULL)
            os.remove(first)
            labels.write(f"{name},normal,,\n")
            print(f"{name}: baseline from the first half -> {site}; second half {seconds:.0f} s -> {second}", flush=True)


if __name__ == "__main__":
    main()
