#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Shannon entropy helpers.
public enum Entropy {
    /// Entropy in bits of a distribution given by counts.
    public static func bits<C: Collection>(counts: C, total: Double) -> Double where C.Element == UInt64 {
        guard total > 0 else { return 0 }
        var h = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / total
            h -= p * log2(p)
        }
        return max(0, h)
    }

    /// Entropy in bits estimated from a heavy-hitter summary and a distinct-count estimate:
    /// exact when nothing was evicted; otherwise guaranteed counts are taken as they are and
    /// the remaining mass is spread evenly over the keys the summary no longer holds.
    public static func bits(summary: HeavyHitters, distinct: Double) -> Double {
        let total = Double(summary.total)
        guard total > 0 else { return 0 }
        let entries = summary.trackedEntries
        if !summary.evicted {
            return bits(counts: entries.map(\.count), total: total)
        }
        var h = 0.0
        var guaranteed = 0.0
        var kept = 0.0
        for entry in entries {
            let g = Double(entry.count - entry.error)
            guard g > 0 else { continue }
            guaranteed += g
            kept += 1
            let p = g / total
            h -= p * log2(p)
        }
        let residual = total - guaranteed
        if residual > 0 {
            let others = max(1, distinct - kept)
            let p = residual / total
            h -= p * log2(p / others)
        }
        return max(0, h)
    }
}
