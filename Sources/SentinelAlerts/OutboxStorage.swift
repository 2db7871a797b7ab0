/// Where queued alerts live until delivered: the seam a durable store (SQLite in the engine)
/// implements; ``MemoryOutbox`` is the in-process implementation.
///
/// Contract, which makes delivery survive restarts and send each event once per webhook:
/// - `enqueue` is idempotent on (eventID, webhook): a pair already queued *or delivered*
///   is left as it is.
/// - `due` returns undelivered items with `nextAttempt <= now`, earliest `nextAttempt`
///   first (then earliest `created`), at most `limit`.
/// - `markDelivered` removes the item from `due` for good; `markFailed` adds one to
///   `attempts`, records the error and moves `nextAttempt`.
/// - `depth` counts undelivered items.
public protocol OutboxStorage: Sendable {
    /// Queues items, skipping pairs already known.
    func enqueue(_ entries: [OutboxItem]) throws
    /// Undelivered items due at `now`.
    func due(now: Double, limit: Int) throws -> [OutboxItem]
    /// Records a successful delivery.
    func markDelivered(eventID: String, webhook: String, at time: Double) throws
    /// Records a failed attempt and when to try again.
    func markFailed(eventID: String, webhook: String, error: String, nextAttempt: Double) throws
    /// Undelivered items.
    func depth() throws -> Int
}
