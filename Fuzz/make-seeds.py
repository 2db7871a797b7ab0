#!/usr/bin/env python3
"""Writes the seed corpora in Fuzz/corpus/TARGET from the project's own data.

Small on purpose (a fuzzer mutates small inputs faster): the first packets of each bundled
capture (as pcap and as pcapng), the first lines of each bundled log (and the same requests
written as HAProxy and JSON lines), heads of the series and traces, the example
configuration, and tiny models and a baseline made by the sentinel binary named by
--sentinel (skipped when none is given). scripts/fuzz.sh adds ../shared/corpus/tcpdump to
the capture targets' seeds at run time when it is there; it is not copied here.

    python3 Fuzz/make-seeds.py --sentinel .build/debug/sentinel
"""
import argparse
import glob
import gzip
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")
PACKETS = 24
LINES = 24


def out(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(folder, name), mode) as f:
        f.write(data)


def read_pcap(path, limit):
    """(linktype, [(sec, frac, orig_len, bytes)], nanosecond) of the first `limit` packets."""
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    packets, offset = [], 24
    while offset + 16 <= len(data) and len(packets) < limit:
        sec, frac, incl, orig = struct.unpack(endian + "IIII", data[offset : offset + 16])
        packets.append((sec, frac, orig, data[offset + 16 : offset + 16 + incl]))
        offset += 16 + incl
    return linktype, packets, nano


def write_pcap(linktype, packets, nano):
    head = struct.pack("<IHHiIII", 0xA1B23C4D if nano else 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    body = b"".join(struct.pack("<IIII", s, f, len(b), o) + b for s, f, o, b in packets)
    return head + body


def block(kind, body):
    body += b"\0" * (-len(body) % 4)
    length = 12 + len(body)
    return struct.pack("<II", kind, length) + body + struct.pack("<I", length)


def write_pcapng(linktype, packets, nano):
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    # if_tsresol 9 (nanoseconds) when the source had them, else the default microseconds.
    options = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0) if nano else b""
    idb = block(1, struct.pack("<HHI", linktype, 0, 65535) + options)
    epbs = b""
    for sec, frac, orig, data in packets:
        ts = sec * (10**9 if nano else 10**6) + frac
        epbs += block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), orig) + data)
    return shb + idb + epbs


DECODER_LINKS = {1: 0, 113: 1, 276: 2, 0: 3, 108: 4, 12: 5, 14: 6, 228: 7, 229: 8}


def decoder_frames(linktype, packets):
    """Frames as the decoder target reads them: [link][length LE][time step][bytes]."""
    link = DECODER_LINKS.get(linktype, 9)
    result, last = b"", None
    for sec, frac, orig, data in packets[:12]:
        step = 0 if last is None else max(0, min(254, int((sec - last) * 100)))
        last = sec
        result += struct.pack("<BHB", link, len(data), step) + data
    return result


def captures():
    files = sorted(glob.glob(os.path.join(ROOT, "captures", "*.pcap")))
    files += sorted(glob.glob(os.path.join(ROOT, "captures", "extra", "*.pcap")))[::3]
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        linktype, packets, nano = read_pcap(path, PACKETS)
        out("capture-file", name + ".pcap", write_pcap(linktype, packets, nano))
        out("capture-file", name + ".pcapng", write_pcapng(linktype, packets, nano))
        out("decoder", name + ".frames", decoder_frames(linktype, packets))
    # The other link types, made from the first Ethernet frames (the IP packet re-wrapped).
    linktype, packets, _ = read_pcap(os.path.join(ROOT, "captures", "mixed.pcap"), 8)
    ip = [(s, f, o - 14, b[14:]) for s, f, o, b in packets]
    wrapped = {
        113: [(s, f, o + 16, b"\0\0\0\1\0\6" + b"\0" * 8 + b"\x08\0" + b) for s, f, o, b in ip],
        276: [(s, f, o + 20, b"\x08\0\0\0" + b"\0" * 16 + b) for s, f, o, b in ip],
        0: [(s, f, o + 4, struct.pack("<I", 2) + b) for s, f, o, b in ip],
        108: [(s, f, o + 4, struct.pack(">I", 2) + b) for s, f, o, b in ip],
        12: ip,
        228: ip,
    }
    for link, frames in wrapped.items():
        out("decoder", f"link{link}.frames", decoder_frames(link, frames))
        out("capture-file", f"link{link}.pcap", write_pcap(link, frames, False))


COMBINED = re.compile(r'^(\S+) \S+ \S+ \[([^\]]+)\] "(\S+) (\S+) [^"]*" (\d+) (\S+) "[^"]*" "([^"]*)"(?: (\S+))?(?: (\S+))?')
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def logs():
    files = sorted(glob.glob(os.path.join(ROOT, "captures", "logs", "*.log")))[::2]
    mixed = []
    for path in files:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path) as f:
            lines = [next(f) for _ in range(LINES)]
        out("log-combined", name + ".log", "".join(lines))
        haproxy, jsonl = [], []
        for line in lines:
            m = COMBINED.match(line)
            if not m:
                continue
            client, when, method, path_, status, size, agent, rt, ut = m.groups()
            day, rest = when.split(" ")[0], when.split(" ")
            ms = int(float(rt or 0) * 1000)
            haproxy.append(
                f"haproxy[1234]: {client}:40000 [{day}.000] web~ app/srv1 0/0/1/{ms}/{ms + 1} {status} {size} - - ---- "
                f'1/1/0/0/0 0/0 "{method} {path_} HTTP/1.1"\n'
            )
            d = re.match(r"(\d+)/(\w+)/(\d+):(\d+:\d+:\d+) ([+-]\d{2})(\d{2})", when)
            iso = f"{d[3]}-{MONTHS.index(d[2]) + 1:02d}-{d[1]}T{d[4]}{d[5]}:{d[6]}"
            record = {"time": iso, "remote_addr": client, "request": f"{method} {path_} HTTP/1.1", "status": int(status)}
            if size != "-":
                record["bytes"] = int(size)
            if rt:
                record["request_time"] = float(rt)
            if ut:
                record["upstream_response_time"] = ut
            record["user_agent"] = agent
            jsonl.append(json.dumps(record, separators=(",", ":")) + "\n")
        out("log-haproxy", name + ".log", "".join(haproxy))
        out("log-json", name + ".log", "".join(jsonl))
        mixed.append((name, lines, haproxy, jsonl))
    for name, lines, haproxy, jsonl in mixed[:3]:
        out("log-analysis", name + ".combined.log", "".join(lines))
        out("log-analysis", name + ".haproxy.log", "".join(haproxy))
        out("log-analysis", name + ".json.log", "".join(jsonl))
    # A line years ahead of its neighbours, a clock jump confirmed, and JSON with epoch times.
    lines = mixed[0][1]
    ahead = lines[5].replace("/2026:", "/2031:")
    out("log-analysis", "clock-jump.log", "".join(lines[:5] + [ahead] + lines[6:]))
    out("log-analysis", "clock-moved.log", "".join(lines[:5] + [line.replace("/2026:", "/2027:") for line in lines[5:]]))
    epoch = [f'{{"ts":{1700000000 + i}.25,"ip":"10.0.0.{i}","method":"GET","uri":"/x","code":"200","bytes":"-"}}\n' for i in range(20)]
    out("log-json", "epoch-fields.log", "".join(epoch))
    out(
        "timestamps",
        "forms.txt",
        "10/Oct/2000:13:55:36 -0700\n06/Feb/2009:12:14:14.655\n29/Feb/2024:23:59:60 +1400\n"
        "2000-10-10T13:55:36.250Z\n2000-10-10 13:55:36+05:30\n2000-10-10t13:55:36-0800\n1700000000.5\n"
        "2014-04-01 00:05:00\n9999-12-31T23:59:59Z\n1970-01-01T00:00:00-23\n",
    )


def text_files():
    series = sorted(glob.glob(os.path.join(ROOT, "captures", "series", "*.csv")))
    for path in series:
        with open(path) as f:
            out("series-csv", os.path.basename(path), "".join(f.readlines()[:40]))
    out("series-csv", "datetime.csv", "timestamp,value\n2014-04-01 00:00:00,10\n2014-04-01 00:05:00,12\n2014-04-01 00:15:00,nan\n2014-04-01 00:20:00,11\n")
    out("series-csv", "attack.csv", "time,value,attack_share\n100,5,0\n110,6,0.5\n120,50,0.9\n130,7,0\n")
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "traces", "*.csv"))):
        with open(path) as f:
            out("trace-csv", os.path.basename(path), "".join(f.readlines()[:40]))
    out("config-yaml", "sentinel.yaml", open(os.path.join(ROOT, "rules", "sentinel.yaml")).read())
    for path in sorted(glob.glob(os.path.join(ROOT, "deploy", "*.yaml"))):
        out("config-yaml", "deploy-" + os.path.basename(path), open(path).read())
    with gzip.open(os.path.join(ROOT, "captures", "lab", "data", "backgrounds-windows.csv.gz"), "rt") as f:
        rows = [next(f) for _ in range(30)]
    header = rows[0].rstrip("\n").split(",")
    keep = [i for i, name in enumerate(header) if name not in ("file", "start", "end", "label")][:8] + [header.index("label")]
    table = "\n".join(",".join(line.rstrip("\n").split(",")[i] for i in keep) for line in rows) + "\n"
    out("csv-dataset", "windows.csv", table)
    out("csv-dataset", "categories.csv", "proto,port,bytes,label\ntcp,80,100,normal\nudp,53,60,udp_flood\ntcp,443,,normal\nicmp,0,NaN,icmp_flood\n")


def made_by_sentinel(sentinel):
    work = tempfile.mkdtemp()
    csv = os.path.join(work, "train.csv")
    with open(csv, "w") as f:
        f.write("a,b,c,label\n")
        for i in range(40):
            label = ["normal", "syn_flood", "port_scan"][i % 3]
            f.write(f"{i % 7},{(i * 3) % 11 + (i % 3) * 5},{i / 10},{label}\n")
    for kind in ("nb", "tree", "mlp", "ensemble"):
        model = os.path.join(work, kind + ".json")
        args = [sentinel, "train", "--csv", csv, "--label-column", "label", "--model", kind, "-o", model]
        if kind in ("mlp", "ensemble"):
            args += ["--hidden", "4", "--max-epochs", "5"]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        # Compact JSON: the same model in fewer bytes for the fuzzer to mutate.
        with open(model) as f:
            out("model-file", kind + ".json", json.dumps(json.load(f), separators=(",", ":")))
    baseline = os.path.join(work, "site.json")
    subprocess.run([sentinel, "baseline", os.path.join(ROOT, "captures", "normal.pcap"), "-o", baseline], check=True, stdout=subprocess.DEVNULL)
    with open(baseline) as f:
        out("baseline-file", "packets.json", json.dumps(json.load(f), separators=(",", ":")))
    with open(baseline) as f:
        other = json.load(f)
    other["kind"] = "logs"
    out("baseline-file", "logs.json", json.dumps(other, separators=(",", ":")))
    shutil.rmtree(work)


def dictionary(name, words):
    """A libFuzzer dictionary: one quoted token a line."""
    folder = os.path.join(ROOT, "Fuzz", "dict")
    os.makedirs(folder, exist_ok=True)
    def quote(word):
        return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "\\x%02x" % ord(c) for c in word) + '"'
    with open(os.path.join(folder, name + ".dict"), "w") as f:
        f.write(f"# {name}: tokens for libFuzzer (Fuzz/make-seeds.py writes this file)\n")
        for word in sorted(set(words)):
            f.write(quote(word) + "\n")


def literals(pattern):
    """Every snake_case string literal in the sources matching the glob `pattern`."""
    words = set()
    for path in glob.glob(os.path.join(ROOT, pattern), recursive=True):
        with open(path) as f:
            words |= set(re.findall(r'"([a-z][a-z0-9_]*)"', f.read()))
    return words


def json_keys(target):
    keys = set()
    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                keys.add(f'"{key}":')
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    for path in glob.glob(os.path.join(CORPUS, target, "*.json")):
        with open(path) as f:
            walk(json.load(f))
    return keys


def dictionaries():
    numbers = ["0", "-1", "1e30", "-1e30", "1e308", "4294967296", "9223372036854775807", "9223372036854775808", "NaN", "nan", "inf", "-inf", "Infinity", "0.000001"]
    months = [f"/{m}/" for m in MONTHS]
    combined = ['"GET ', '"POST ', " HTTP/1.1\"", " HTTP/1.0\"", " - - [", "] ", " +0000]", " -0700]", ":00:00:00", "\"-\"", '" "', "-"] + months
    haproxy = ["haproxy[", "]: ", ":40000 [", ".000] ", " web~ app/srv1 ", "0/0/1/2/3", "-1/-1/-1/-1/0", " ---- ", "1/1/0/0/0", "0/0", "{", "}", "Feb  6 12:14:14 localhost "] + months
    json_fields = ['"time":', '"ts":', '"timestamp":', '"remote_addr":', '"ip":', '"client":', '"request":', '"method":', '"uri":', '"path":', '"status":', '"code":', '"bytes":', '"body_bytes_sent":', '"request_time":', '"upstream_response_time":', '"user_agent":', '"http_user_agent":', "{", "}", ",", "null", "true", '"-"', '"0.001, 0.002"']
    times = ["2026-11-29T07:40:50+00:00", "T", "Z", "+05:30", "-0800", ".250", "29/Nov/2026:07:40:50 +0000", "1700000000.5", "9999-12-31", "0000-01-01", ":60"]
    dictionary("log-combined", combined + numbers)
    dictionary("log-haproxy", haproxy + numbers)
    dictionary("log-json", json_fields + times + numbers)
    dictionary("log-analysis", combined + haproxy + json_fields + numbers)
    dictionary("timestamps", times + months + numbers)
    dictionary("csv-dataset", [",", "\n", "\r\n", '"', '""', "label", "normal", "syn_flood", ",,"] + numbers)
    yaml = [": ", "- ", "\n  ", "&a ", "*a", "<<: ", "!!str ", "!!int ", "{", "}", "[", "]", "|", ">", "~", "null", "true", "false", "'", "127.0.0.1:9466", "0.0.0.0:9466", "[::]:9466", "postgres://u@h/db", "/var/log/nginx/access.log"]
    dictionary("config-yaml", yaml + numbers + [w + ":" for w in literals("Sources/SentinelRuntime/Configuration/*.swift")])
    dictionary("model-file", json_keys("model-file") | set(numbers + ["[", "]", "{", "}", "null", "true"]))
    dictionary("baseline-file", json_keys("baseline-file") | set(numbers + ["[", "]", "{", "}", "null"]))
    dictionary("series-csv", ["time,value", "timestamp,value", ",attack_share", "\n", ","] + times + numbers)
    dictionary("trace-csv", ["time,legit,attack,label", "time,legit,attack", "\n", ",", "# ", "normal", "http_flood"] + numbers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentinel", help="a built sentinel binary, for the model and baseline seeds")
    args = parser.parse_args()
    captures()
    logs()
    text_files()
    if args.sentinel:
        made_by_sentinel(args.sentinel)
    dictionaries()
    for target in sorted(os.listdir(CORPUS)):
        folder = os.path.join(CORPUS, target)
        size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
        print(f"{target}: {len(os.listdir(folder))} files, {size // 1024} KiB")


if __name__ == "__main__":
    main()
