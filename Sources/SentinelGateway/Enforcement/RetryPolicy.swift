/// How an ``Enforcer`` retries a failed action: at most `maxAttempts` attempts in all,
/// waiting `base · factor^(n-1)` seconds (capped at `cap`) after the n-th failure.
/// Failures that cannot pass (``GatewayFailure/isRetryable`` is false) are not retried.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (at least 1).
    public var maxAttempts: Int
    /// The wait after the first failure, seconds.
    public var base: Double
    /// How much the wait grows per failure.
    public var factor: Double
    /// The longest wait, seconds.
    public var cap: Double

    /// Creates a policy (defaults: 4 attempts, 2 s, ×2, 60 s).
    public init(maxAttempts: Int = 4, base: Double = 2, factor: Double = 2, cap: Double = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base.isFinite ? max(0, base) : 2
        self.factor = factor.isFinite ? max(1, factor) : 2
        self.cap = cap.isFinite ? max(0, cap) : 60
    }

    /// The wait after `failures` failed attempts (1 = the first failure).
    public func delay(failures: Int) -> Double {
        var value = base
        var step = 1
        while step < min(failures, 64), value < cap {
            value *= factor
            step += 1
        }
        return min(cap, value)
    }
}
