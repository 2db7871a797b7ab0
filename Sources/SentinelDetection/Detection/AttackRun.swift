import SentinelCapture
import SentinelFeatures

/// Consecutive windows with the same attack verdict, and who sent the most in them.
public struct AttackRun: Sendable, Equatable {
    /// The attack class.
    public var className: String
    /// Start of the first window.
    public var start: Double
    /// End of the last window.
    public var end: Double
    /// Windows in the run.
    public var windows: Int
    /// Mean confidence over the run.
    public var meanConfidence: Double
    /// Packets in the run.
    public var packets: UInt64
    /// The heaviest sources over the run's windows (per-window top talkers summed).
    public var offenders: [Talker]
    /// The explanation of the run's most confident window.
    public var reasons: [String]

    /// Groups attack windows into runs. A run continues across at most `gap` windows of
    /// another verdict, so one mislabelled window does not split an attack in two.
    public static func runs(windows: [WindowRecord], verdicts: [WindowVerdict], gap: Int = 1,
                            offenders: Int = 5) -> [AttackRun] {
        spans(verdicts, gap: gap).map { members in
            let name = verdicts[members[0]].className
            var talkers: [IPAddress: Talker] = [:]
            for m in members {
                for t in windows[m].topTalkers {
                    talkers[t.address, default: Talker(address: t.address, packets: 0, bytes: 0, syns: 0)].packets += t.packets
                    talkers[t.address]!.bytes += t.bytes
                    talkers[t.address]!.syns += t.syns
                }
            }
            let strongest = members.max { verdicts[$0].confidence < verdicts[$1].confidence }!
            return AttackRun(
                className: name, start: windows[members.first!].start, end: windows[members.last!].end, windows: members.count,
                meanConfidence: members.map { verdicts[$0].confidence }.reduce(0, +) / Double(members.count),
                packets: members.map { windows[$0].packets }.reduce(0, +),
                offenders: Array(talkers.values.sorted { ($0.packets, $0.address.description) > ($1.packets, $1.address.description) }.prefix(offenders)),
                reasons: verdicts[strongest].explanation?.reasons ?? [])
        }
    }

    /// The windows of each run: indices of consecutive non-normal verdicts of one class,
    /// bridging at most `gap` windows of another verdict.
    static func spans(_ verdicts: [WindowVerdict], gap: Int) -> [[Int]] {
        var spans: [[Int]] = []
        var index = 0
        while index < verdicts.count {
            guard verdicts[index].isAttack else { index += 1; continue }
            let name = verdicts[index].className
            var last = index
            var cursor = index + 1
            while cursor < verdicts.count, cursor - last <= gap + 1 {
                if verdicts[cursor].className == name { last = cursor }
                cursor += 1
            }
            spans.append((index...last).filter { verdicts[$0].className == name })
            index = last + 1
        }
        return spans
    }
}
