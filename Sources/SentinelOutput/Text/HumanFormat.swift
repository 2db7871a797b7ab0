#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Number and time formatting for tables people read.
package enum HumanFormat {
    /// `1234567` → `1.23M`, `12345` → `12.3k`, `0.5` → `0.50`.
    package static func compact(_ value: Double) -> String {
        let a = abs(value)
        if a >= 1e9 { return fixed(value / 1e9, a >= 1e11 ? 0 : 2) + "G" }
        if a >= 1e6 { return fixed(value / 1e6, a >= 1e8 ? 0 : (a >= 1e7 ? 1 : 2)) + "M" }
        if a >= 1e4 { return fixed(value / 1e3, a >= 1e5 ? 0 : 1) + "k" }
        if a >= 100 || value == value.rounded() { return String(Int64(value.rounded())) }
        return fixed(value, a >= 10 ? 1 : 2)
    }

    /// Bytes with a binary-ish unit: `1.2 MB`.
    package static func bytes(_ value: Double) -> String {
        if value >= 1e9 { return fixed(value / 1e9, 2) + " GB" }
        if value >= 1e6 { return fixed(value / 1e6, 2) + " MB" }
        if value >= 1e3 { return fixed(value / 1e3, 1) + " kB" }
        return String(Int64(value)) + " B"
    }

    /// Grouped integer: `12,345`.
    package static func grouped<I: BinaryInteger>(_ value: I) -> String {
        let digits = String(value)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// A percentage with one decimal.
    package static func percent(_ share: Double) -> String { fixed(share * 100, 1) + "%" }

    /// Fixed decimals without Foundation.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        if decimals == 0 { return sign + String(whole) }
        let f = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - f.count) + f
    }

    /// `2026-11-29 02:50:01` (UTC), or `HH:MM:SS` when `dateless`.
    package static func time(_ epoch: Double, dateless: Bool = false, fractional: Bool = false) -> String {
        var seconds = time_t(epoch.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var clock = "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        if fractional {
            let ms = Int((epoch - epoch.rounded(.down)) * 1000)
            clock += "." + (ms < 10 ? "00" : ms < 100 ? "0" : "") + String(ms)
        }
        if dateless { return clock }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(clock)"
    }

    /// Pads or cuts `text` to `width`, right-aligned unless `left`.
    package static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        if text.count >= width { return text }
        let fill = String(repeating: " ", count: width - text.count)
        return left ? text + fill : fill + text
    }
}
