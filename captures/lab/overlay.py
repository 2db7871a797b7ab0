#!/usr/bin/python3
"""overlay.py -- merge an attack capture into a background capture (standard library only).

  overlay.py merge --background BG --attack ATK --out OUT [options]
      Places the attack's labelled range at --at seconds after the background's first
      packet (time shift), optionally stretches its timestamps (--stretch F: the attack
      lasts F times as long, its rate is 1/F), repeats it to fill --fill seconds, keeps a
      share of its flows (--keep P, by flow hash, both directions together) and adds
      copies of it from other addresses (--copies K), rewrites attacker addresses
      (--spread CIDR, --spread-n N, --src-map OLD=NEW) and the victim (--to-victim),
      fixes the IPv4 header, TCP, UDP and ICMP checksums (incrementally, so truncated
      packets stay correct) and writes OUT (classic pcap, microseconds, the background's
      link type) and a labels row (--labels FILE: file,class,start,end).
  overlay.py stack --in BG --copies K --out OUT
      Superimposes K address-rewritten copies of a background (client 10.b.x.y ->
      10.(100+((b-20)+16k) mod 150).x.y, small time offsets): K times the clients and rate.
  overlay.py info FILE...       packets, duration, packets/s, link type
  overlay.py --self-test        builds tiny synthetic pcap/pcapng files and checks
                                merge, stretch, fill, keep, copies, rewrite, checksums

Reads classic pcap (us/ns, either byte order) and pcapng (EPB/SPB/PB, if_tsresol).
Addresses inside --victim-net (default 10.0.0.0/24, the lab's site) are never treated
as attackers.  Non-IPv4 frames of the attack (ARP, IPv6) are dropped.
"""
import argparse
import zlib
import ipaddress
import mmap
import os
import random
import socket
import struct
import sys
import tempfile

# ------------------------------------------------------------------ reading
LINK_ETH, LINK_RAW, LINK_SLL, LINK_SLL2, LINK_NULL, LINK_IPV4, LINK_RAW12 = 1, 101, 113, 276, 0, 228, 12


def read_packets(path):
    """yields (ts_ns, linktype, data, origlen)"""
    with open(path, "rb") as f:
        head = f.read(4)
    if len(head) < 4:
        return
    magic = struct.unpack("<I", head)[0]
    if magic == 0x0A0D0D0A:
        yield from _read_pcapng(path)
    else:
        yield from _read_pcap(path)


def _read_pcap(path):
    with open(path, "rb") as f:
        data = f.read()
    m = data[:4]
    if m == b"\xd4\xc3\xb2\xa1":
        e, mult = "<", 1000
    elif m == b"\xa1\xb2\xc3\xd4":
        e, mult = ">", 1000
    elif m == b"\x4d\x3c\xb2\xa1":
        e, mult = "<", 1
    elif m == b"\xa1\xb2\x3c\x4d":
        e, mult = ">", 1
    else:
        raise SystemExit(f"{path}: not a pcap/pcapng file")
    link = struct.unpack(e + "I", data[20:24])[0] & 0x0FFFFFFF
    hdr = struct.Struct(e + "IIII")
    pos, n = 24, len(data)
    while pos + 16 <= n:
        s, frac, incl, orig = hdr.unpack_from(data, pos)
        pos += 16
        if pos + incl > n:
            break
        yield s * 1_000_000_000 + frac * mult, link, data[pos:pos + incl], orig
        pos += incl


def _read_pcapng(path):
    with open(path, "rb") as f:
        data = f.read()
    pos, n = 0, len(data)
    e = "<"
    ifaces = []          # (linktype, ns per tick as (num, den))
    last_ts = 0
    while pos + 12 <= n:
        btype = struct.unpack_from(e + "I", data, pos)[0]
        if btype == 0x0A0D0D0A:
            bom = data[pos + 8:pos + 12]
            e = "<" if bom == b"\x4d\x3c\x2b\x1a" else ">"
            ifaces = []
        blen = struct.unpack_from(e + "I", data, pos + 4)[0]
        if blen < 12 or pos + blen > n:
            break
        body = data[pos + 8:pos + blen - 4]
        if btype == 1:                                  # IDB
            link = struct.unpack_from(e + "H", body, 0)[0]
            num, den = 1000, 1                          # default: microseconds
            op = 8
            while op + 4 <= len(body):
                code, olen = struct.unpack_from(e + "HH", body, op)
                if code == 0:
                    break
                if code == 9 and olen >= 1:
                    v = body[op + 4]
                    if v & 0x80:
                        num, den = 1_000_000_000, 1 << (v & 0x7F)
                    else:
                        num, den = (10 ** (9 - v), 1) if v <= 9 else (1, 10 ** (v - 9))
                op += 4 + ((olen + 3) & ~3)
            ifaces.append((link, num, den))
        elif btype == 6 and len(body) >= 20:            # EPB
            iid, hi, lo, cap, orig = struct.unpack_from(e + "IIIII", body, 0)
            if iid < len(ifaces):
                link, num, den = ifaces[iid]
                ticks = (hi << 32) | lo
                last_ts = ticks * num // den
                yield last_ts, link, body[20:20 + cap], orig
        elif btype == 3 and len(body) >= 4 and ifaces:  # SPB (no timestamp)
            orig = struct.unpack_from(e + "I", body, 0)[0]
            link = ifaces[0][0]
            yield last_ts, link, body[4:4 + min(orig, len(body) - 4)], orig
        elif btype == 2 and len(body) >= 20:            # obsolete PB
            iid, hi, lo, cap, orig = struct.unpack_from(e + "HHIIII", body, 0)[0], *struct.unpack_from(e + "IIII", body, 4)
            if iid < len(ifaces):
                link, num, den = ifaces[iid]
                last_ts = ((hi << 32) | lo) * num // den
                yield last_ts, link, body[20:20 + cap], orig
        pos += blen


class PcapWriter:
    def __init__(self, path, link, snaplen=65535):
        self.f = open(path, "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, link))
        self.buf = []
        self.count = 0
        self.snaplen = snaplen

    def add(self, ts_ns, data, orig):
        if len(data) > self.snaplen:
            data = data[:self.snaplen]
        us = ts_ns // 1000
        self.buf.append(struct.pack("<IIII", us // 1_000_000, us % 1_000_000, len(data), orig))
        self.buf.append(data)
        self.count += 1
        if len(self.buf) > 20000:
            self.flush()

    def add_raw(self, rec):
        if len(rec) - 16 > self.snaplen:          # cut: new incl_len, same orig_len
            rec = rec[:8] + struct.pack("<I", self.snaplen) + rec[12:16 + self.snaplen]
        self.buf.append(rec)
        self.count += 1
        if len(self.buf) > 20000:
            self.flush()

    def flush(self):
        self.f.write(b"".join(self.buf))
        self.buf = []

    def close(self):
        self.flush()
        self.f.close()


def background_records(path, t_from=None, t_to=None):
    """yields (ts_ns, raw_record_or_None, data, orig, link); raw records only for
    little-endian microsecond classic pcap (written through unchanged)."""
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:4] == b"\xd4\xc3\xb2\xa1":
        link = struct.unpack("<I", head[20:24])[0] & 0x0FFFFFFF
        with open(path, "rb") as f:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        n = len(mm)
        pos = 24
        unpack = struct.Struct("<IIII").unpack_from
        while pos + 16 <= n:
            s, us, incl, orig = unpack(mm, pos)
            end = pos + 16 + incl
            if end > n:
                break
            ts = s * 1_000_000_000 + us * 1000
            if (t_from is None or ts >= t_from) and (t_to is None or ts < t_to):
                yield ts, mm[pos:end], None, orig, link
            elif t_to is not None and ts >= t_to:
                break
            pos = end
        return
    for ts, link, data, orig in read_packets(path):
        if (t_from is None or ts >= t_from) and (t_to is None or ts < t_to):
            yield ts, None, data, orig, link


def first_last(path):
    first = last = None
    n = 0
    link = None
    for ts, link, _, _ in read_packets(path):
        if first is None:
            first = ts
        last = ts
        n += 1
    return first, last, n, link


# ------------------------------------------------------------------ IPv4 helpers
def ip_offset(link, d):
    """offset of the IPv4 header in frame d, or -1"""
    if link == LINK_ETH:
        off, et = 14, d[12:14] if len(d) >= 14 else b""
        while et in (b"\x81\x00", b"\x88\xa8") and len(d) >= off + 4:
            et = d[off + 2:off + 4]
            off += 4
        return off if et == b"\x08\x00" else -1
    if link == LINK_SLL:
        return 16 if d[14:16] == b"\x08\x00" else -1
    if link == LINK_SLL2:
        return 20 if d[0:2] == b"\x08\x00" else -1
    if link == LINK_NULL:
        return 4 if len(d) >= 4 and (d[0] == 2 or d[3] == 2) else -1
    if link in (LINK_RAW, LINK_IPV4, LINK_RAW12):
        return 0 if d and d[0] >> 4 == 4 else -1
    return -1


def csum(b):
    if len(b) % 2:
        b = b + b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def csum_adjust(old_csum, old, new):
    """RFC 1624 incremental update for replacing the 16-bit words `old` by `new`."""
    s = (~old_csum & 0xFFFF)
    for i in range(0, len(old), 2):
        o = (old[i] << 8) | old[i + 1]
        nw = (new[i] << 8) | new[i + 1]
        if o != nw:
            s += (~o & 0xFFFF) + nw
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def _words_diff(old, new, start, end, skip):
    """old/new word bytes of [start,end) that differ, except the word at `skip`"""
    ob, nb = bytearray(), bytearray()
    end = start + ((end - start) // 2) * 2
    for i in range(start, end, 2):
        if i == skip:
            continue
        if old[i:i + 2] != new[i:i + 2]:
            ob += old[i:i + 2]
            nb += new[i:i + 2]
    return bytes(ob), bytes(nb)


def flow_info(d, o):
    """(proto, src, dst, sport, dport, icmp_inner) for the IPv4 packet at offset o;
    for ICMP errors the inner header's (src, dst, sport, dport) is returned too"""
    ihl = (d[o] & 0x0F) * 4
    proto = d[o + 9]
    src, dst = bytes(d[o + 12:o + 16]), bytes(d[o + 16:o + 20])
    l4 = o + ihl
    sport = dport = 0
    inner = None
    if proto in (6, 17) and len(d) >= l4 + 4:
        sport, dport = struct.unpack_from("!HH", d, l4)
    elif proto == 1 and len(d) >= l4 + 8:
        t = d[l4]
        if t in (0, 8, 13, 14):
            sport = dport = struct.unpack_from("!H", d, l4 + 4)[0]     # echo id
        elif t in (3, 4, 5, 11, 12) and len(d) >= l4 + 8 + 20:
            io = l4 + 8
            iihl = (d[io] & 0x0F) * 4
            ip_ = d[io + 9]
            isp = idp = 0
            if ip_ in (6, 17) and len(d) >= io + iihl + 4:
                isp, idp = struct.unpack_from("!HH", d, io + iihl)
            inner = (ip_, bytes(d[io + 12:io + 16]), bytes(d[io + 16:io + 20]), isp, idp)
    return proto, src, dst, sport, dport, inner


def rewrite(d, o, mapf):
    """rewrite addresses of the IPv4 packet at offset o with mapf(addr4, port_key) -> addr4
    (None = keep); fixes IPv4 header, TCP/UDP (pseudo-header) and ICMP checksums
    incrementally, also for the IPv4/TCP/UDP header embedded in ICMP errors."""
    d = bytearray(d)
    old = bytes(d)
    proto, src, dst, sport, dport, inner = flow_info(d, o)
    ihl = (d[o] & 0x0F) * 4
    l4 = o + ihl
    if inner:
        ip_, isrc, idst, isp, idp = inner
        nsrc = mapf(src, idp)        # ICMP error from the attacker's side: key = inner dst port
        ndst = mapf(dst, isp)        # ICMP error to the attacker: key = the attacker's port
    else:
        nsrc = mapf(src, sport)
        ndst = mapf(dst, dport)
    if nsrc:
        d[o + 12:o + 16] = nsrc
    if ndst:
        d[o + 16:o + 20] = ndst
    if d == old:
        return bytes(d)
    # IPv4 header checksum (recomputed: the header is always captured in full)
    if len(d) >= o + ihl:
        d[o + 10:o + 12] = b"\0\0"
        d[o + 10:o + 12] = struct.pack("!H", csum(bytes(d[o:o + ihl])))
    frag = struct.unpack_from("!H", d, o + 6)[0] & 0x1FFF
    if frag:
        return bytes(d)
    if proto in (6, 17):
        co = l4 + (16 if proto == 6 else 6)
        if len(d) >= co + 2:
            c = struct.unpack_from("!H", d, co)[0]
            if not (proto == 17 and c == 0):
                c = csum_adjust(c, old[o + 12:o + 20], bytes(d[o + 12:o + 20]))
                if proto == 17 and c == 0:
                    c = 0xFFFF
                d[co:co + 2] = struct.pack("!H", c)
    elif proto == 1 and inner:
        io = l4 + 8
        iihl = (d[io] & 0x0F) * 4
        # the embedded header: the attacker's packet (src attacker, dst victim)
        nis = mapf(inner[1], inner[3])
        nid = mapf(inner[2], inner[4])
        if nis:
            d[io + 12:io + 16] = nis
        if nid:
            d[io + 16:io + 20] = nid
        if len(d) >= io + iihl:
            ic = struct.unpack_from("!H", d, io + 10)[0]
            d[io + 10:io + 12] = struct.pack("!H", csum_adjust(ic, old[io + 12:io + 20], bytes(d[io + 12:io + 20])))
        ip_ = inner[0]
        ico = io + iihl + (16 if ip_ == 6 else 6)
        if ip_ in (6, 17) and len(d) >= ico + 2:
            c = struct.unpack_from("!H", d, ico)[0]
            if not (ip_ == 17 and c == 0):
                c = csum_adjust(c, old[io + 12:io + 20], bytes(d[io + 12:io + 20]))
                d[ico:ico + 2] = struct.pack("!H", 0xFFFF if (ip_ == 17 and c == 0) else c)
        # the ICMP checksum covers the whole message (no pseudo-header)
        if len(d) >= l4 + 4:
            ob, nb = _words_diff(old, d, l4, len(d), l4 + 2)
            c = struct.unpack_from("!H", d, l4 + 2)[0]
            d[l4 + 2:l4 + 4] = struct.pack("!H", csum_adjust(c, ob, nb))
    return bytes(d)


def h64(*parts):
    """a fast, stable (not per-process salted) hash of ints/bytes/tuples"""
    return zlib.crc32(repr(parts).encode()) * 2654435761 % (1 << 32)


# ------------------------------------------------------------------ merge
def read_labels(path):
    rows = {}
    if path and os.path.exists(path):
        for line in open(path).read().splitlines()[1:]:
            c = line.split(",")
            if len(c) >= 2:
                rows.setdefault(c[0], []).append(c)
    return rows


def write_label_row(path, name, cls, start, end):
    lines = ["file,class,start,end"]
    if os.path.exists(path):
        lines = [ln for ln in open(path).read().splitlines() if ln and not ln.startswith(name + ",")]
    s = "" if start is None else f"{start:.6f}"
    e = "" if end is None else f"{end:.6f}"
    lines.append(f"{name},{cls},{s},{e}")
    tmp = path + ".tmp"
    open(tmp, "w").write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def attack_range(a):
    """(start_ns, end_ns, class) of the attack file's labelled range"""
    if a.range:
        s, e = a.range.split(":")
        return int(float(s) * 1e9), int(float(e) * 1e9), a.cls
    lab = a.attack_labels or os.path.join(os.path.dirname(os.path.abspath(a.attack)), "labels.csv")
    rows = read_labels(lab).get(os.path.basename(a.attack))
    if not rows:
        raise SystemExit(f"no labels row for {os.path.basename(a.attack)} in {lab}; give --range S:E")
    r = rows[0]
    if len(r) < 4 or not r[2]:
        f, l, _, _ = first_last(a.attack)
        return f, l, a.cls or r[1]
    return int(float(r[2]) * 1e9), int(float(r[3]) * 1e9), a.cls or r[1]


def load_attack(a, out_link, bg_t0, bg_t1, rng):
    """the attack's packets after shift/stretch/fill/keep/copies/rewrite: list of (ts, data, orig)
    and the labelled range (start_ns, end_ns) in the merged file"""
    rs, re_, cls = attack_range(a)
    victim_net = ipaddress.ip_network(a.victim_net)
    vnet_lo, vnet_hi = int(victim_net.network_address), int(victim_net.broadcast_address)
    to_victim = socket.inet_aton(a.to_victim) if a.to_victim else None
    victim = socket.inet_aton(a.victim) if a.victim else None
    src_map = {}
    for m in a.src_map:
        o, n = m.split("=")
        src_map[socket.inet_aton(o)] = socket.inet_aton(n)
    spread = ipaddress.ip_network(a.spread) if a.spread else None
    spread_default = False
    if a.copies > 1 and spread is None:
        spread = ipaddress.ip_network("172.16.0.0/12")
        spread_default = True
    tail_ns = int(a.tail * 1e9)
    ckey = (os.path.abspath(a.attack), out_link, a.head, a.tail, rs, re_)
    pkts = _ATTACK_CACHE.get(ckey)
    if pkts is None:
        pkts = _ATTACK_CACHE[ckey] = _parse_attack(a, out_link, rs, re_, tail_ns)
    # the range starts when the tool's first packet does (a tool's start-up is not part of the
    # attack: at a large --stretch, an idle first 100 ms would become the whole replay)
    first = min((p[0] for p in pkts if rs <= p[0] <= re_), default=rs)
    rs = first
    return _place_attack(a, pkts, rs, re_, cls, tail_ns, src_map, spread, spread_default, victim, to_victim,
                         vnet_lo, vnet_hi, bg_t0, bg_t1, rng, out_link)


_ATTACK_CACHE = {}


def _parse_attack(a, out_link, rs, re_, tail_ns):
    """the attack's IPv4 packets near its range, each with what the placement needs:
    (ts, frame, orig_len, ip_offset, flow_info, l4_checksum_offset or -1, flow hash)"""
    pkts = []
    for ts, link, d, orig in read_packets(a.attack):
        if ts < rs - int(a.head * 1e9) or ts > re_ + tail_ns:
            continue
        o = ip_offset(link, d)
        if o < 0 or len(d) < o + 20:
            continue
        if link != out_link:                                 # re-frame the IP packet
            ipd = d[o:]
            if out_link == LINK_ETH:
                d, o = b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ipd, 14
            elif out_link in (LINK_RAW, LINK_IPV4, LINK_RAW12):
                d, o = ipd, 0
            elif out_link == LINK_SLL:
                d, o = b"\0\0\0\x01\0\x06\x02\0\0\0\0\x01\0\0\x08\x00" + ipd, 16
            elif out_link == LINK_NULL:
                d, o = b"\x02\0\0\0" + ipd, 4
            else:
                raise SystemExit(f"cannot convert link type {link} to {out_link}")
        fi = flow_info(d, o)
        proto, src, dst, sp, dp, inner = fi
        ihl = (d[o] & 0x0F) * 4
        frag = struct.unpack_from("!H", d, o + 6)[0] & 0x1FFF
        co = -1
        if proto in (6, 17) and not frag:
            co = o + ihl + (16 if proto == 6 else 6)
            if len(d) < co + 2 or (proto == 17 and d[co:co + 2] == b"\0\0"):
                co = -1
        ends = sorted([(inner[1], inner[3]), (inner[2], inner[4])]) if inner else sorted([(src, sp), (dst, dp)])
        fh = zlib.crc32(ends[0][0] + ends[0][1].to_bytes(2, "big") + ends[1][0] + ends[1][1].to_bytes(2, "big"))
        if proto == 1 and not inner and len(d) >= o + ihl + 8:
            fh = zlib.crc32(d[o + ihl + 6:o + ihl + 8], fh)      # ICMP echo: a request and its reply (id, seq)
        slow = inner is not None or bool(frag)
        pkts.append((ts, d, orig, o, fi, co, fh, slow))
    if not pkts:
        raise SystemExit(f"{a.attack}: no IPv4 packets in the labelled range")
    return pkts


def _fold(x):
    while x >> 16:
        x = (x & 0xFFFF) + (x >> 16)
    return x


_H4 = struct.Struct("!4H")


def fast_rewrite(d, o, fi, co, mapf):
    """rewrite() for packets without a quoted header (no ICMP error, no fragment): the same
    address delta updates the IPv4 and the TCP/UDP checksum"""
    proto, src, dst, sp, dp, inner = fi
    ns = mapf(src, sp)
    nd = mapf(dst, dp)
    if ns is None and nd is None:
        return d
    new = (ns or src) + (nd or dst)
    o1 = _H4.unpack(src + dst)
    n1 = _H4.unpack(new)
    delta = (~o1[0] & 0xFFFF) + (~o1[1] & 0xFFFF) + (~o1[2] & 0xFFFF) + (~o1[3] & 0xFFFF) + n1[0] + n1[1] + n1[2] + n1[3]
    ipc = (d[o + 10] << 8) | d[o + 11]
    ipc = ~_fold((~ipc & 0xFFFF) + delta) & 0xFFFF
    out = d[:o + 10] + ipc.to_bytes(2, "big") + new + d[o + 20:]
    if co >= 0:
        c = (d[co] << 8) | d[co + 1]
        c = ~_fold((~c & 0xFFFF) + delta) & 0xFFFF
        if proto == 17 and c == 0:
            c = 0xFFFF
        out = out[:co] + c.to_bytes(2, "big") + out[co + 2:]
    return out


def _place_attack(a, pkts, rs, re_, cls, tail_ns, src_map, spread, spread_default, victim, to_victim,
                  vnet_lo, vnet_hi, bg_t0, bg_t1, rng, out_link):
    seg = max(re_ - rs, 1)
    stretch = a.stretch
    at_ns = bg_t0 + int(a.at * 1e9)
    fill_ns = int(a.fill * 1e9) if a.fill else int(seg * stretch)
    reps = max(1, -(-fill_ns // int(seg * stretch)))
    macs = a._macs
    att_cache = {}

    def is_attacker(addr):
        r = att_cache.get(addr)
        if r is None:
            v = int.from_bytes(addr, "big")
            r = att_cache[addr] = not (vnet_lo <= v <= vnet_hi) and addr != victim
        return r

    nspread = min(a.spread_n, spread.num_addresses - 2) if spread is not None else 0
    sbase = int(spread.network_address) + 1 if spread is not None else 0
    flowkey = a.spread_key == "flow"
    keep_lim = int(a.keep * (1 << 32))
    out = []
    for rep in range(reps):
        for c in range(a.copies):
            salt = (a.seed, rep if a.vary_repeats else 0, c)
            salt_crc = zlib.crc32(repr(salt).encode())
            keep_salt = struct.pack("<III", a.seed & 0xFFFFFFFF, c, rep)
            jitter = int(rng.random() * a.copy_jitter * 1e9) if c else 0
            cache = {}

            def mapf(addr, port, salt=salt, cache=cache, salt_crc=salt_crc):
                if victim is not None and addr == victim:
                    return to_victim
                if not is_attacker(addr):
                    if to_victim is not None and victim is None and a.to_victim_all:
                        return to_victim
                    return None
                if addr in src_map and c == 0 and salt[1] == 0:
                    return src_map[addr]
                if spread is None:
                    return src_map.get(addr)
                key = addr + port.to_bytes(2, "big") if flowkey else addr
                r = cache.get(key)
                if r is None:
                    idx = (zlib.crc32(key, salt_crc) * 2654435761 >> 7) % nspread
                    v = sbase + idx
                    if v & 0xFF in (0, 255):
                        v ^= 1
                    r = cache[key] = v.to_bytes(4, "big")
                return r

            identity = (not src_map and to_victim is None and victim is None
                        and (spread is None or (spread_default and c == 0)))
            cur_map = None if identity else mapf
            last_rep = rep == reps - 1
            base_t = at_ns + rep * int(seg * stretch) + jitter
            seg_end = base_t + int(seg * stretch)
            range_end = at_ns + fill_ns
            # after-effects (the --tail, not stretched) only when the attack ran to its end
            # inside the labelled range; an attack cut by --fill stops at the range's end
            with_tail = last_rep and seg_end <= range_end
            for ts, d, orig, o, fi, co, fh, slow in pkts:
                rel = ts - rs
                if rel > seg:
                    if not with_tail:
                        continue
                    nt = seg_end + (rel - seg)
                else:
                    if rel < 0 and rep > 0:
                        continue
                    nt = base_t + int(rel * stretch)
                    if nt > range_end:
                        continue
                if keep_lim < (1 << 32) and zlib.crc32(keep_salt, fh) * 2654435761 % (1 << 32) >= keep_lim:
                    continue
                if nt < bg_t0 or nt > bg_t1:
                    continue
                if cur_map is None:
                    nd = d
                elif slow:
                    nd = rewrite(d, o, cur_map)
                else:
                    nd = fast_rewrite(d, o, fi, co, cur_map)
                if macs and out_link == LINK_ETH:
                    dst = fi[2]
                    v = int.from_bytes(dst, "big")
                    to_site = (vnet_lo <= v <= vnet_hi) or dst == victim
                    nd = (macs[0] + macs[1] if to_site else macs[1] + macs[0]) + nd[12:]
                out.append((nt, nd, orig))
    out.sort(key=lambda p: p[0])
    lab_s = at_ns
    lab_e = min(at_ns + fill_ns, bg_t1)
    return out, lab_s, lab_e, cls


def learn_macs(path):
    """(site MAC, client MAC) from the first IPv4 packet of an Ethernet background"""
    for ts, link, d, orig in read_packets(path):
        if link != LINK_ETH:
            return None
        o = ip_offset(link, d)
        if o >= 0:
            dst = ipaddress.ip_address(d[o + 16:o + 20])
            if dst in ipaddress.ip_network("10.0.0.0/24"):
                return d[0:6], d[6:12]          # dst MAC = site, src MAC = client side
            return d[6:12], d[0:6]
    return None


def cmd_merge(a):
    rng = random.Random(a.seed)
    bf, bl, bn, blink = first_last(a.background)
    if bf is None:
        raise SystemExit(f"{a.background}: empty")
    t_from = t_to = None
    if a.bg_window:
        off, dur = (float(x) for x in a.bg_window.split(":"))
        t_from = bf + int(off * 1e9)
        t_to = t_from + int(dur * 1e9)
        bf, bl = t_from, min(bl, t_to)
    a._macs = learn_macs(a.background) if a.match_macs else None
    atk, ls, le, cls = load_attack(a, blink, bf, bl, rng)
    w = PcapWriter(a.out + ".part", blink, getattr(a, "snaplen", None) or 65535)
    j, na = 0, len(atk)
    nb = nb_in = 0
    for ts, raw, data, orig, link in background_records(a.background, t_from, t_to):
        while j < na and atk[j][0] <= ts:
            w.add(*atk[j])
            j += 1
        if raw is not None:
            w.add_raw(raw)
        else:
            w.add(ts, data, orig)
        nb += 1
        if ls <= ts <= le:
            nb_in += 1
    while j < na and atk[j][0] <= bl:
        w.add(*atk[j])
        j += 1
    w.close()
    os.replace(a.out + ".part", a.out)
    j_in = sum(1 for p in atk[:j] if ls <= p[0] <= le)
    if a.labels:
        write_label_row(a.labels, os.path.basename(a.out), cls, ls / 1e9, le / 1e9)
    dur = max((bl - bf) / 1e9, 1e-9)
    adur = max((le - ls) / 1e9, 1e-9)
    info = {"file": os.path.basename(a.out), "class": cls, "background_packets": nb, "attack_packets": j,
            "bg_pps": round(nb / dur, 1), "attack_pps": round(j / adur, 1),
            "attack_share_in_range": round(j_in / max(j_in + nb_in, 1), 4),
            "start": round(ls / 1e9, 6), "end": round(le / 1e9, 6)}
    if a.verbose:
        print(info)
    return info


def cmd_stack(a):
    bf, bl, bn, link = first_last(a.input)
    if getattr(a, "window", None):
        off, dur = (float(x) for x in a.window.split(":"))
        bf = bf + int(off * 1e9)
        bl = min(bl, bf + int(dur * 1e9))
    site = ipaddress.ip_network(a.victim_net)
    lo, hi = int(site.network_address), int(site.broadcast_address)
    allp = []
    for k in range(a.copies):
        off = int(k * a.offset * 1e9)
        cache = {}

        def mapf(addr, port, k=k, cache=cache):
            if k == 0:
                return None
            v = int.from_bytes(addr, "big")
            if lo <= v <= hi:
                return None
            r = cache.get(addr)
            if r is None:
                b = addr[1]
                r = cache[addr] = bytes([10, 100 + ((b - 20) + 16 * k) % 150, addr[2], addr[3]]) \
                    if addr[0] == 10 else bytes([172, 16 + (addr[1] + k) % 16, addr[2], addr[3]])
            return r
        for ts, lk, d, orig in read_packets(a.input):
            if ts < bf or ts > bl:
                continue
            o = ip_offset(lk, d)
            nd = rewrite(d, o, mapf) if (o >= 0 and k) else d
            nt = ts + off
            if nt > bl:
                nt -= (bl - bf)              # wrap around: every copy spans the same time
            allp.append((nt, nd, orig))
    allp.sort(key=lambda p: p[0])
    w = PcapWriter(a.out + ".part", link, 65535)
    for p in allp:
        w.add(*p)
    w.close()
    os.replace(a.out + ".part", a.out)
    print({"file": a.out, "packets": len(allp), "copies": a.copies})


def cmd_info(a):
    for f in a.files:
        first, last, n, link = first_last(f)
        dur = (last - first) / 1e9 if n else 0
        print(f"{f}: {n} packets, {dur:.1f} s, {n / max(dur, 1e-9):.0f} pkt/s, link {link}, "
              f"{os.path.getsize(f)} bytes")


# ------------------------------------------------------------------ self-test
def _eth(ipd):
    return b"\x02\0\0\0\0\xaa\x02\0\0\0\0\xbb\x08\x00" + ipd


def _ip(src, dst, proto, payload, ident=1):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def _l4(src, dst, proto, seg, co):
    ps = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, proto, len(seg))
    c = csum(ps + seg)
    if proto == 17 and c == 0:
        c = 0xFFFF
    return seg[:co] + struct.pack("!H", c) + seg[co + 2:]


def _tcp(src, dst, sp, dp, flags=0x02, payload=b""):
    seg = struct.pack("!HHIIBBHHH", sp, dp, 1000, 0, 0x50, flags, 8192, 0, 0) + payload
    return _ip(src, dst, 6, _l4(src, dst, 6, seg, 16))


def _udp(src, dst, sp, dp, payload):
    seg = struct.pack("!HHHH", sp, dp, 8 + len(payload), 0) + payload
    return _ip(src, dst, 17, _l4(src, dst, 17, seg, 6))


def _icmp(src, dst, typ, code, body):
    m = struct.pack("!BBHI", typ, code, 0, 0) + body
    m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
    return _ip(src, dst, 1, m)


def _check_full(ipd):
    """all checksums of a complete (untruncated) IPv4 packet are valid"""
    ihl = (ipd[0] & 0x0F) * 4
    assert csum(ipd[:ihl]) == 0, "IPv4 header checksum"
    proto = ipd[9]
    seg = ipd[ihl:]
    if proto in (6, 17):
        ps = ipd[12:20] + struct.pack("!BBH", 0, proto, len(seg))
        assert csum(ps + seg) == 0, "TCP/UDP checksum"
    if proto == 1:
        assert csum(seg) == 0, "ICMP checksum"
        if seg[0] == 3:
            inner = seg[8:]
            assert csum(inner[:20]) == 0, "inner IPv4 checksum"
            if inner[9] == 17:
                iseg = inner[20:]
                ps = inner[12:20] + struct.pack("!BBH", 0, 17, len(iseg))
                assert csum(ps + iseg) == 0, "inner UDP checksum"


def _write_pcapng(path, pkts, tsresol=9):
    out = bytearray()
    shb = struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28)
    out += shb
    opt = struct.pack("<HHB3x", 9, 1, tsresol) + struct.pack("<HH", 0, 0)
    body = struct.pack("<HHI", LINK_ETH, 0, 65535) + opt
    out += struct.pack("<II", 1, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    mult = 10 ** tsresol
    for ts, d in pkts:
        ticks = ts * mult // 1_000_000_000
        pad = (-len(d)) % 4
        body = struct.pack("<IIIII", 0, ticks >> 32, ticks & 0xFFFFFFFF, len(d), len(d)) + d + b"\0" * pad
        out += struct.pack("<II", 6, 12 + len(body)) + body + struct.pack("<I", 12 + len(body))
    open(path, "wb").write(out)


def self_test():
    tmp = tempfile.mkdtemp(prefix="overlay-test.")
    T0 = 1_800_000_000 * 1_000_000_000
    S = 1_000_000_000
    # background: 10 s, 100 pkt/s of TCP + UDP (DNS-like) + ICMP echo from 10.20.x clients
    bg = []
    rng = random.Random(1)
    for i in range(1000):
        ts = T0 + i * S // 100
        cl = f"10.20.0.{1 + i % 50}"
        k = i % 4
        if k == 0:
            ipd = _tcp(cl, "10.0.0.1", 40000 + i, 80, 0x18, b"GET / HTTP/1.1\r\n\r\n")
        elif k == 1:
            ipd = _tcp("10.0.0.1", cl, 80, 40000 + i, 0x18, b"HTTP/1.1 200 OK\r\n" + b"x" * 300)
        elif k == 2:
            ipd = _udp(cl, "10.0.0.53", 5000 + i, 53, b"q" * 30)
        else:
            ipd = _icmp(cl, "10.0.0.1", 8, 0, struct.pack("!HH", 7, i) + b"p" * 20)
        bg.append((ts, _eth(ipd)))
    bgp = os.path.join(tmp, "bg.pcap")
    w = PcapWriter(bgp, LINK_ETH)
    for ts, d in bg:
        w.add(ts, d, len(d))
    w.close()
    # attack (pcapng, ns resolution): 2 s of SYN flood from 2 sources at 500 pkt/s, with the
    # victim's SYN-ACKs, plus UDP to closed ports with ICMP port-unreachables; labelled 2 s
    A0 = T0 + 100 * S                    # recorded at another time
    atk = []
    for i in range(1000):
        ts = A0 + i * S // 500 + 123     # odd nanoseconds: checks the ns reader
        src = "10.66.0.5" if i % 2 else "172.16.9.9"
        atk.append((ts, _eth(_tcp(src, "10.0.0.1", 1024 + i, 80, 0x02))))
        if i % 10 == 0:
            atk.append((ts + 1000, _eth(_tcp("10.0.0.1", src, 80, 1024 + i, 0x12))))
        if i % 20 == 0:
            u = _udp(src, "10.0.0.1", 3000 + i, 9999, b"z" * 40)
            atk.append((ts + 2000, _eth(u)))
            atk.append((ts + 3000, _eth(_icmp("10.0.0.1", src, 3, 3, u[:28 + 40]))))
    atk.append((A0 + 500 * S // 1000, b"\xff" * 12 + b"\x08\x06" + b"\0" * 28))    # ARP: dropped
    atkp = os.path.join(tmp, "atk.pcapng")
    _write_pcapng(atkp, atk, 9)
    open(os.path.join(tmp, "labels.csv"), "w").write(
        f"file,class,start,end\natk.pcapng,syn_flood,{A0 / 1e9:.6f},{(A0 + 2 * S) / 1e9:.6f}\n")
    got = list(read_packets(atkp))
    assert len(got) == len(atk) and got[0][0] == atk[0][0], "pcapng reader (ns timestamps)"
    n_atk_ip = len(atk) - 1

    def run(**kw):
        ns = argparse.Namespace(background=bgp, attack=atkp, out=os.path.join(tmp, kw.pop("out")),
                                labels=os.path.join(tmp, "out-labels.csv"), attack_labels=None, range=None,
                                cls=None, at=3.0, stretch=1.0, fill=0.0, keep=1.0, copies=1, copy_jitter=0.5,
                                spread=None, spread_n=1 << 20, spread_key="flow", src_map=[], victim=None,
                                to_victim=None, to_victim_all=False, victim_net="10.0.0.0/24", seed=5, head=0.0,
                                tail=3.0, bg_window=None, match_macs=True, vary_repeats=True, verbose=False,
                                snaplen=0)
        for k, v in kw.items():
            setattr(ns, k, v)
        info = cmd_merge(ns)
        return info, list(read_packets(ns.out))

    # 1. plain merge with a time shift: every packet kept, sorted, attack inside [T0+3, T0+5+tail]
    info, out = run(out="m1.pcap")
    assert len(out) == 1000 + n_atk_ip, ("merge count", len(out))
    assert all(out[i][0] <= out[i + 1][0] for i in range(len(out) - 1)), "sorted"
    assert abs(info["start"] - (T0 / 1e9 + 3)) < 1e-6 and abs(info["end"] - (T0 / 1e9 + 5)) < 1e-6, info
    lab = read_labels(os.path.join(tmp, "out-labels.csv"))["m1.pcap"][0]
    assert lab[1] == "syn_flood" and abs(float(lab[2]) - (T0 / 1e9 + 3)) < 1e-6, lab
    syn = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x02]
    assert len(syn) == 1000 and min(p[0] for p in syn) >= T0 + 3 * S and max(p[0] for p in syn) <= T0 + 5 * S, "shift"
    for ts, link, d, orig in out:
        _check_full(d[14:])
    # MACs follow the background's (site side = dst MAC of client->site packets)
    assert syn[0][2][0:6] == bg[0][1][0:6], "MACs"
    # 2. stretch x2: attack over 4 s, same packets
    info, out = run(out="m2.pcap", stretch=2.0)
    syn = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x02]
    span = (max(p[0] for p in syn) - min(p[0] for p in syn)) / S
    assert len(syn) == 1000 and 3.9 < span <= 4.0, ("stretch", span)
    assert abs((info["end"] - info["start"]) - 4.0) < 1e-6
    # 3. stretch 0.5 + fill 4 s: two repeats of a 1 s attack -> 2000 SYNs in [3, 7)
    info, out = run(out="m3.pcap", stretch=0.5, fill=4.0)
    syn = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x02]
    assert 4000 <= len(syn) <= 4002, ("fill", len(syn))          # 4 x 1 s (the range starts at the first packet)
    assert abs((info["end"] - info["start"]) - 4.0) < 1e-6
    # 3b. stretch x4 cut by fill 3 s: no attack packet after the range, none before it
    info, out = run(out="m3b.pcap", stretch=4.0, fill=3.0, tail=3.0)
    atk_t = [p[0] for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] in (0x02, 0x12)]
    assert min(atk_t) >= T0 + 3 * S and max(atk_t) <= T0 + 6 * S, "cut at the range end"
    assert abs((info["end"] - info["start"]) - 3.0) < 1e-6
    # 4. keep 0.5 by flow: about half the SYNs; every kept SYN-ACK's SYN is kept too
    info, out = run(out="m4.pcap", keep=0.5)
    syn = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x02]
    synack = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x12]
    assert 400 < len(syn) < 600, ("keep", len(syn))
    synports = {struct.unpack_from("!H", p[2], 34)[0] for p in syn}
    assert all(struct.unpack_from("!H", p[2], 36)[0] in synports for p in synack), "keep by flow"
    # 5. copies 3 with spread: 3x the packets, sources in the spread CIDR, replies follow them
    info, out = run(out="m5.pcap", copies=3, spread="172.20.0.0/16", spread_n=5000)
    syn = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x02]
    assert 2500 < len(syn) <= 3000, ("copies", len(syn))      # jittered copies are cut at the range end
    assert max(p[0] for p in syn) <= T0 + 5 * S, "copies stay inside the range"
    net = ipaddress.ip_network("172.20.0.0/16")
    srcs = {ipaddress.ip_address(p[2][26:30]) for p in syn}
    assert all(s in net for s in srcs) and len(srcs) > 2000, ("spread", len(srcs))
    synack = [p for p in out if p[2][23] == 6 and p[2][14 + 20 + 13] == 0x12]
    assert all(ipaddress.ip_address(p[2][30:34]) in srcs for p in synack), "replies follow the rewrite"
    unreach = [p for p in out if p[2][23] == 1 and p[2][34] == 3]
    assert unreach, "ICMP errors kept"
    for ts, link, d, orig in out:
        _check_full(d[14:])
        if d[23] == 1 and d[34] == 3:
            assert ipaddress.ip_address(d[30:34]) in net and ipaddress.ip_address(d[34 + 8 + 12:34 + 8 + 16]) in net, \
                "inner header rewritten with the outer destination"
    # 6. incremental checksums on truncated packets equal full recomputation
    mapf = lambda addr, port: socket.inet_aton("192.168.77.1") if addr != socket.inet_aton("10.0.0.1") else None
    for ipd in [_tcp("10.66.0.5", "10.0.0.1", 1234, 80, 0x18, b"A" * 500),
                _udp("10.66.0.5", "10.0.0.1", 1234, 53, b"B" * 501),
                _udp("10.66.0.5", "10.0.0.1", 1234, 53, b""),
                _icmp("10.0.0.1", "10.66.0.5", 3, 3, _udp("10.66.0.5", "10.0.0.1", 1, 2, b"C" * 64)[:28 + 64])]:
        full = rewrite(_eth(ipd), 14, mapf)
        _check_full(full[14:])
        # (ICMP errors: exact once the embedded transport header is captured, 70+ bytes)
        n = 14 + (72 if ipd[9] == 1 else 48)
        cut = rewrite(_eth(ipd)[:n], 14, mapf)
        assert cut == full[:n], "truncated packet checksums"
    # 7. a UDP checksum of 0 (none) stays 0
    u0 = bytearray(_udp("10.66.0.5", "10.0.0.1", 1, 2, b"x"))
    u0[26:28] = b"\0\0"
    assert rewrite(_eth(bytes(u0)), 14, mapf)[14 + 26:14 + 28] == b"\0\0", "UDP checksum 0"
    # 8. output snaplen: frames cut, original lengths kept
    info, out = run(out="m7.pcap", snaplen=60)
    assert all(len(d) <= 60 for ts, link, d, orig in out) and max(orig for ts, link, d, orig in out) > 300, "snaplen"
    # 9. background window + stack
    info, out = run(out="m6.pcap", bg_window="2:5", at=1.0)
    assert T0 + 2 * S <= out[0][0] and out[-1][0] < T0 + 7 * S, "bg window"
    ns = argparse.Namespace(input=bgp, copies=3, out=os.path.join(tmp, "stack.pcap"), offset=0.3,
                            victim_net="10.0.0.0/24", seed=1, window=None)
    sys.stdout = open(os.devnull, "w")
    try:
        cmd_stack(ns)
    finally:
        sys.stdout = sys.__stdout__
    st = list(read_packets(ns.out))
    assert len(st) == 3000
    for ts, link, d, orig in st:
        _check_full(d[14:])
    cl = {d[26:30] for ts, link, d, orig in st if d[30:33] == bytes([10, 0, 0])}
    assert len(cl) == 150, ("stack clients", len(cl))
    print(f"overlay.py self-test: all checks passed ({tmp})")
    import shutil
    shutil.rmtree(tmp)


def main():
    if "--self-test" in sys.argv[1:]:
        self_test()
        return
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("merge")
    m.add_argument("--background", required=True)
    m.add_argument("--attack", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--labels", help="labels.csv to add/replace this file's row in")
    m.add_argument("--attack-labels", help="labels.csv of the attack (default: beside it)")
    m.add_argument("--range", help="attack range START:END (epoch s) instead of its labels")
    m.add_argument("--class", dest="cls", help="class name (default: the attack's label)")
    m.add_argument("--at", type=float, default=10.0, help="seconds after the background's start")
    m.add_argument("--stretch", type=float, default=1.0, help="time factor (2 = half the rate)")
    m.add_argument("--fill", type=float, default=0.0, help="repeat the attack to last this many seconds")
    m.add_argument("--keep", type=float, default=1.0, help="share of attack flows kept (by flow hash)")
    m.add_argument("--copies", type=int, default=1, help="superimpose K copies from other addresses")
    m.add_argument("--copy-jitter", type=float, default=0.5)
    m.add_argument("--spread", help="rewrite attacker addresses into this CIDR")
    m.add_argument("--spread-n", type=int, default=1 << 20, help="at most this many distinct addresses")
    m.add_argument("--spread-key", choices=["flow", "addr"], default="addr",
                   help="addr: one new address per old one; flow: per (address, port) -- spoofed floods")
    m.add_argument("--src-map", action="append", default=[], help="OLD=NEW attacker address")
    m.add_argument("--victim", help="the attack's victim address (default: any address in --victim-net)")
    m.add_argument("--to-victim", help="new victim address")
    m.add_argument("--to-victim-all", action="store_true", help=argparse.SUPPRESS)
    m.add_argument("--victim-net", default="10.0.0.0/24")
    m.add_argument("--bg-window", help="OFFSET:DURATION of the background to use (seconds)")
    m.add_argument("--head", type=float, default=0.0, help="seconds before the labelled range to take")
    m.add_argument("--tail", type=float, default=3.0, help="seconds after it (after-effects) to take")
    m.add_argument("--no-match-macs", dest="match_macs", action="store_false")
    m.add_argument("--same-repeats", dest="vary_repeats", action="store_false",
                   help="repeats keep the same rewritten addresses")
    m.add_argument("--snaplen", type=int, default=0, help="cut every output packet to this many bytes")
    m.add_argument("--seed", type=int, default=13)
    m.add_argument("-v", "--verbose", action="store_true")
    s = sub.add_parser("stack")
    s.add_argument("--in", dest="input", required=True)
    s.add_argument("--copies", type=int, required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--offset", type=float, default=0.37, help="time offset between copies (s)")
    s.add_argument("--window", help="OFFSET:DURATION of the input to use (seconds)")
    s.add_argument("--victim-net", default="10.0.0.0/24")
    s.add_argument("--seed", type=int, default=13)
    i = sub.add_parser("info")
    i.add_argument("files", nargs="+")
    a = p.parse_args()
    {"merge": cmd_merge, "stack": cmd_stack, "info": cmd_info}[a.cmd](a)


if __name__ == "__main__":
    main()
