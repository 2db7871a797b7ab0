import Foundation
import SentinelCore

/// UTC times for axes, captions and tooltips.
enum TimeFormat {
    /// `2026-11-29 03:11:54` (UTC).
    static func dateTime(_ seconds: Double) -> String { date(seconds) + " " + clock(seconds, withSeconds: true) }

    /// `03:11:54` or `03:11`.
    static func clock(_ seconds: Double, withSeconds: Bool = true) -> String {
        let whole = Int(seconds.rounded(.down))
        let day = ((whole % 86_400) + 86_400) % 86_400
        let h = day / 3600, m = (day % 3600) / 60, s = day % 60
        return withSeconds ? String(format: "%02d:%02d:%02d", h, m, s) : String(format: "%02d:%02d", h, m)
    }

    /// `2026-11-29` (UTC).
    static func date(_ seconds: Double) -> String {
        let (y, m, d) = CivilCalendar.civilFromDays(Int((seconds / 86_400).rounded(.down)))
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// A duration for people: `40.0 s`, `12 min`, `3.5 h`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 120 { return String(format: "%.1f s", seconds) }
        if seconds < 7200 { return String(format: "%.1f min", seconds / 60) }
        return String(format: "%.1f h", seconds / 3600)
    }

    /// Tick positions (UTC-aligned multiples of a round step) and their labels for `lo…hi`.
    static func ticks(from lo: Double, to hi: Double, target: Int = 8) -> [(value: Double, label: String)] {
        let span = max(hi - lo, 1e-3)
        let steps: [Double] = [
            0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
            10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
        ]
        let step = steps.first { span / $0 <= Double(target) } ?? span / Double(target)
        var value = (lo / step).rounded(.up) * step
        var ticks: [(Double, String)] = []
        let multiDay = date(lo) != date(hi)
        while value <= hi + 1e-9 && ticks.count < 64 {
            var label: String
            if step < 1 {
                label = clock(value) + String(format: ".%d", Int(((value - value.rounded(.down)) * 10).rounded()))
            } else {
                label = clock(value, withSeconds: step < 60)
            }
            if multiDay && (step >= 3600 || ticks.isEmpty) { label = String(date(value).dropFirst(5)) + " " + label }
            ticks.append((value, label))
            value += step
        }
        return ticks
    }
}
