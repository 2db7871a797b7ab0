/// The requesters of the last ``span`` windows: how many distinct sources sent a request, how
/// many requests they sent, and how many the busiest of them sent.
///
/// A second of a quiet site holds a handful of visitors, and whoever is busiest sends half its
/// packets, so one bot asking a few times a second does not stand out in its window. Over ten
/// windows it does (the lab's quietest site: the busiest client's share of ten seconds' packets to
/// the server 0.14 without a bot, 0.29 with one at a fifth of the packets), and so do fifty bots
/// each asking a little (30 distinct clients in ten seconds against 52). Each window's tracked
/// requesters (``FanOut``: the first 3,072 sources of a window) are added as it closes and
/// forgotten ``span`` windows later, so the cost is per window, not per packet.
struct TrailingRequesters {
    /// Windows in the view, the one closing included (10 s at the default 1 s windows).
    static let span = 10

    /// One window of the view: its tracked requesters and all its requests (tracked or not).
    private struct Entry {
        var requesters: [(key: UInt64, flows: UInt32)] = []
        var requests: UInt64 = 0
    }

    private var ring: [Entry] = []
    private var next = 0
    /// Requests per source over the view: the ring's requesters added up, kept as windows come
    /// and go rather than summed again each window.
    private var counts: [UInt64: UInt32] = [:]

    /// Adds a closed window's requesters (`table`) and requests, forgetting the window
    /// ``span`` before; the ring's lists are reused, so a window allocates nothing once warm.
    mutating func close(_ table: FanOut, requests: UInt64) {
        if ring.count < Self.span {
            ring.append(Entry())
        } else {
            for (key, flows) in ring[next].requesters {
                if let count = counts[key] { counts[key] = count > flows ? count - flows : nil }
            }
            ring[next].requesters.removeAll(keepingCapacity: true)
        }
        table.appendCounts(to: &ring[next].requesters)
        ring[next].requests = requests
        for (key, flows) in ring[next].requesters { counts[key, default: 0] &+= flows }
        next = (next + 1) % Self.span
    }

    /// Writes the view into a window's features: distinct requesters, requests per second over
    /// the view, the busiest requester's, and its share of the requests held. At the start of a
    /// capture the view holds fewer windows. The request rate is over the windows it holds: over
    /// the full span it would read a tenth of the site's normal in the first window, and a
    /// baseline learnt from a capture's start would take that climb for the site's spread. The
    /// busiest requester's rate stays over the full span, and with the distinct requesters reads
    /// low, never high: the busiest of a few seconds' requesters asks more a second than the
    /// busiest of ten (the lab's 110,000 packets/s site: z 4 in its sixth second, over the
    /// windows held).
    func record(in features: inout WindowFeatures, windowLength: Double) {
        let busiest = counts.values.max() ?? 0
        let requests = ring.reduce(0) { $0 &+ $1.requests }
        features[.trailingRequesters] = Double(counts.count)
        features[.trailingRequestRate] = Double(requests) / (Double(max(1, ring.count)) * windowLength)
        features[.trailingTopRequesterRate] = Double(busiest) / (Double(Self.span) * windowLength)
        features[.trailingTopRequesterShare] = requests > 0 ? min(1, Double(busiest) / Double(requests)) : 0
    }
}
