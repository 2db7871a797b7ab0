import SentinelFeatures

/// Consecutive windows with the same non-normal verdict (an attack on packet windows, a
/// latency degradation or error spike on log windows), and who sent the most in them.
///
/// The window kind's summary (``DetectableWindow/RunSummary``) is reached through the run:
/// `run.packets` and `run.offenders` for packet windows, `run.requests` and `run.clients` for
/// log windows.
@dynamicMemberLookup
package struct WindowRun<Window: DetectableWindow>: Sendable, Equatable {
    /// The class.
    package var className: String
    /// Start of the first window.
    package var start: Double
    /// End of the last window.
    package var end: Double
    /// Windows in the run.
    package var windows: Int
    /// Mean confidence over the run.
    package var meanConfidence: Double
    /// Who sent the most in the run's windows, and how much.
    package var summary: Window.RunSummary
    /// The explanation of the run's most confident window.
    package var reasons: [String]

    /// A member of the window kind's summary.
    package subscript<Value>(dynamicMember member: KeyPath<Window.RunSummary, Value>) -> Value { summary[keyPath: member] }

    /// Groups non-normal windows into runs. A run continues across at most `gap` windows of
    /// another verdict, so one mislabelled window does not split an attack in two.
    /// - Parameter top: the heaviest senders kept in each run's summary.
    package static func runs(windows: [Window], verdicts: [WindowVerdict], gap: Int = 1, top: Int = 5) -> [WindowRun] {
        spans(verdicts, gap: gap).map { members in
            let strongest = members.max { verdicts[$0].confidence < verdicts[$1].confidence }!
            return WindowRun(
                className: verdicts[members[0]].className, start: windows[members.first!].start,
                end: windows[members.last!].end, windows: members.count,
                meanConfidence: members.map { verdicts[$0].confidence }.reduce(0, +) / Double(members.count),
                summary: Window.runSummary(members.map { windows[$0] }, top: top),
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

/// Consecutive packet windows with the same attack verdict.
package typealias AttackRun = WindowRun<WindowRecord>
/// Consecutive log windows with the same non-normal verdict.
package typealias LogRun = WindowRun<LogWindowRecord>
