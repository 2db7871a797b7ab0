import SentinelFeatures

/// Consecutive log windows with the same non-normal verdict (a latency degradation, an
/// error spike), and the clients that sent the most requests in them.
public struct LogRun: Sendable, Equatable {
    /// The class.
    public var className: String
    /// Start of the first window.
    public var start: Double
    /// End of the last window.
    public var end: Double
    /// Windows in the run.
    public var windows: Int
    /// Mean confidence over the run.
    public var meanConfidence: Double
    /// Requests in the run's windows.
    public var requests: Int
    /// The busiest clients over the run (per-window top clients summed), most first.
    public var clients: [String]
    /// The explanation of the run's most confident window.
    public var reasons: [String]

    /// Groups non-normal log windows into runs, bridging at most `gap` other windows.
    public static func runs(windows: [LogWindowRecord], verdicts: [WindowVerdict], gap: Int = 1,
                            clients limit: Int = 5) -> [LogRun] {
        AttackRun.spans(verdicts, gap: gap).map { members in
            var counts: [String: Int] = [:]
            for m in members { for c in windows[m].topClients { counts[c.client, default: 0] += c.requests } }
            let strongest = members.max { verdicts[$0].confidence < verdicts[$1].confidence }!
            return LogRun(
                className: verdicts[members[0]].className, start: windows[members.first!].start,
                end: windows[members.last!].end, windows: members.count,
                meanConfidence: members.map { verdicts[$0].confidence }.reduce(0, +) / Double(members.count),
                requests: members.map { windows[$0].requests }.reduce(0, +),
                clients: counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map(\.key),
                reasons: verdicts[strongest].explanation?.reasons ?? [])
        }
    }
}
