/// Exponential backoff with full jitter: the wait before retry `n` (after `n` failures) is
/// uniform in `[0, min(cap, base · factor^(n-1))]`. With the defaults (1 s, ×2, 15 min cap)
/// a receiver that is down for an hour is retried at least every 15 minutes, and retries
/// from many sentinels do not synchronise.
public struct Backoff: Sendable, Equatable {
    /// The first ceiling, seconds.
    public var base: Double
    /// How much the ceiling grows per failure.
    public var factor: Double
    /// The largest ceiling, seconds.
    public var cap: Double

    /// Creates a backoff (defaults: 1 s, ×2, 900 s).
    public init(base: Double = 1, factor: Double = 2, cap: Double = 900) {
        self.base = max(0, base)
        self.factor = max(1, factor)
        self.cap = max(0, cap)
    }

    /// The largest wait after `failures` failed attempts (1 = the first failure).
    public func ceiling(failures: Int) -> Double {
        var value = base
        var step = 1
        while step < min(failures, 1_000), value < cap {  // bounded even for factor 1 or base 0
            value *= factor
            step += 1
        }
        return min(cap, value)
    }

    /// The jittered wait after `failures` failed attempts.
    /// - Parameters:
    ///   - failures: failed attempts so far, at least 1.
    ///   - generator: the random source (inject a seeded one for deterministic tests).
    public func delay(failures: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let ceiling = ceiling(failures: failures)
        guard ceiling > 0 else { return 0 }
        return Double.random(in: 0...ceiling, using: &generator)
    }
}
