import Foundation

/// The distribution-change signal of ``StreamingAnomalyScorer``: how unlike the values of the
/// last ``recentLength`` points are to those of the ``referenceLength`` points before them, in
/// the spirit of a windowed relative entropy.
///
/// Each value is put, as it comes, into one of ``bins`` bins by its distance from the trailing
/// window's mean in spreads (`z` over ±``zRange``, the outer bins open). The signal is the
/// G statistic `2 Σ r_k ln(p_k / q_k)` of the recent counts `r_k` (`p_k = r_k / recent`)
/// against the reference's shares `q_k` (counts + ½ each, so an empty reference bin is a large
/// but finite surprise): about the number of bins for an unchanged distribution, hundreds for a
/// series that leaves its usual spread or settles into a different one. O(bins) per value,
/// `recent + reference` bytes of memory.
struct DistributionChange: Sendable {
    static let recentLength = 40
    static let referenceLength = 2_000
    static let bins = 6
    static let zRange = 3.0
    /// The reference values needed before the statistic is reported (0 until then).
    static let minimumReference = 100

    /// The bins of the last `recentLength + referenceLength` values, oldest overwritten.
    private var history = [UInt8](repeating: 0, count: recentLength + referenceLength + 1)
    private var recent = [Int](repeating: 0, count: bins)
    private var reference = [Int](repeating: 0, count: bins)
    private var seen = 0

    /// The bin of a value `z` spreads from the mean (a non-finite `z` counts as the middle).
    static func bin(_ z: Double) -> Int {
        guard z.isFinite else { return bins / 2 }
        let position = ((z + zRange) / (2 * zRange) * Double(bins)).rounded(.down)
        return Int(min(max(position, 0), Double(bins - 1)))
    }

    /// Learns a value `z` spreads from the mean and returns the statistic of the recent values
    /// (this one included) against the reference.
    mutating func observe(_ z: Double) -> Double {
        let index = seen
        seen += 1
        let bin = Self.bin(z)
        let span = history.count
        history[index % span] = UInt8(bin)
        recent[bin] += 1
        if index >= Self.recentLength {
            let leaving = Int(history[(index - Self.recentLength) % span])
            recent[leaving] -= 1
            reference[leaving] += 1
        }
        if index >= Self.recentLength + Self.referenceLength {
            reference[Int(history[(index - Self.recentLength - Self.referenceLength) % span])] -= 1
        }
        let held = min(max(index - Self.recentLength + 1, 0), Self.referenceLength)
        guard held >= Self.minimumReference else { return 0 }
        let total = Double(held) + 0.5 * Double(Self.bins)
        var sum = 0.0
        for k in 0..<Self.bins where recent[k] > 0 {
            let count = Double(recent[k])
            let share = count / Double(Self.recentLength)
            sum += count * Foundation.log(share * total / (Double(reference[k]) + 0.5))
        }
        return 2 * sum
    }
}
