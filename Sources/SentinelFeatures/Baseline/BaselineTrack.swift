import Foundation

/// One metric's normal level and spread at a site, learnt online in log space
/// (`log(1 + value)`), so "three times my normal" reads the same at 50 and at 50,000 per
/// second.
///
/// The level moves towards each value by an exponentially weighted step whose input is
/// clipped to three spreads (a burst drags it only slowly); the spread is the exponentially
/// weighted mean absolute deviation from the level.
public struct BaselineTrack: Sendable, Codable, Equatable {
    /// The level, in `log(1 + value)`.
    public private(set) var level: Double
    /// The mean absolute deviation from the level, in the same units.
    public private(set) var spread: Double
    /// Windows learnt.
    public private(set) var count: Int

    /// The smallest spread used for scores: a site whose metric never moves still has a
    /// 10 % tolerance (log 1.1 ≈ 0.095).
    public static let spreadFloor = 0.095

    /// A track that has learnt nothing.
    public init() {
        level = 0
        spread = 0
        count = 0
    }

    /// Learns `value` with the step `weight` (in (0, 1]; the first values are averaged evenly).
    public mutating func learn(_ value: Double, weight: Double) {
        guard value.isFinite else { return }
        let x = log1p(max(0, value))
        count += 1
        let step = max(weight, 1 / Double(count))
        if count == 1 {
            level = x
            return
        }
        let limit = 3 * max(spread, Self.spreadFloor)
        let deviation = min(max(x - level, -limit), limit)
        level += step * deviation
        spread += step * (abs(x - level) - spread)
    }

    /// Moves the normal at once to `level` (in `log(1 + value)`), widening the spread to
    /// `spread` if that is larger: a lasting change adopted as the site's new normal.
    public mutating func adopt(level: Double, spread: Double) {
        guard level.isFinite, spread.isFinite else { return }
        self.level = level
        self.spread = max(self.spread, spread)
    }

    /// How `value` compares with the learnt normal: the ratio to the level and the robust
    /// z-score (the distance from the level in units of 1.25 spreads, ≈ standard deviations
    /// for normal noise).
    public func compare(_ value: Double) -> (ratio: Double, z: Double) {
        let x = log1p(max(0, value))
        let ratio = (1 + max(0, value)) / exp(level)
        return (ratio, (x - level) / (1.25 * max(spread, Self.spreadFloor)))
    }
}
