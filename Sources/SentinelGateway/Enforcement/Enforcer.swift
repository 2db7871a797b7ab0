import SentinelCore

/// Applies actions through a ``Gateway`` and keeps track of them: lifts each when its
/// time-to-live runs out, retries failed attempts with backoff a bounded number of times,
/// applies batches all-or-nothing, and can roll everything back.
///
/// Time is the caller's clock (seconds; packet time when replaying a capture), passed to
/// every call; nothing happens between calls, so drive ``tick(now:)`` from a timer.
///
/// - One change per target (``Action/Kind/target``): blocking a source that is
///   already blocked refreshes its expiry and keeps the original undo, so lifting restores
///   the state from before the first action.
/// - Lifts (expiry, ``rollBackAll(now:)``) are retried with the same backoff until they
///   succeed, unless the gateway says they cannot (``GatewayFailure/isRetryable``).
/// - A change whose previous state the gateway could not report (no undo) is forgotten at
///   expiry with a ``EnforcerEvent/Kind/gaveUp`` event rather than lifted.
public actor Enforcer {
    /// The gateway actions go through.
    public nonisolated let gateway: any Gateway
    /// How failed attempts are retried.
    public nonisolated let retry: RetryPolicy

    private struct Pending {
        var action: Action
        var attempts: Int
        var nextAttempt: Double
    }

    private var changes: [String: EnforcedChange] = [:]
    private var pending: [String: Pending] = [:]
    private var sequence = 0
    /// One public operation at a time (an actor alone interleaves them at every `await`).
    private let gate = SerialGate()

    /// Creates an enforcer.
    public init(gateway: any Gateway, retry: RetryPolicy = RetryPolicy()) {
        self.gateway = gateway
        self.retry = retry
    }

    /// The changes in place, oldest first.
    public var active: [EnforcedChange] { changes.values.sorted { $0.sequence < $1.sequence } }

    /// The actions waiting for a retry, soonest first.
    public var retrying: [Action] { pending.values.sorted { $0.nextAttempt < $1.nextAttempt }.map(\.action) }

    /// Applies one action (one attempt now; a retryable failure is tried again from
    /// ``tick(now:)``). A newer action for the same target replaces a pending retry.
    public func apply(_ action: Action, now: Double) async -> EnforcerEvent {
        await gate.run {
            pending[action.kind.target] = nil
            return await attempt(action, attempts: 1, now: now)
        }
    }

    /// Applies actions in order, all or nothing: when one fails, those already applied by
    /// this call are undone in reverse order (a refreshed change goes back to its previous
    /// action). A failed batch is not retried; the caller plans again.
    /// - Returns: one event per attempt and per undo.
    public func applyAll(_ actions: [Action], now: Double) async -> [EnforcerEvent] {
        await gate.run {
            var events: [EnforcerEvent] = []
            var done: [(action: Action, previous: EnforcedChange?)] = []
            for action in actions {
                let key = action.kind.target
                pending[key] = nil
                let previous = changes[key]
                let outcome = await gateway.apply(action)
                if case let .applied(_, undo) = outcome {
                    record(action, undo: undo, now: now)
                    events.append(
                        EnforcerEvent(
                            action: action, kind: action.kind.isLift ? .lifted : .applied,
                            outcome: outcome, attempts: 1))
                    done.append((action, previous))
                    continue
                }
                events.append(EnforcerEvent(action: action, kind: .gaveUp, outcome: outcome, attempts: 1))
                for (applied, previous) in done.reversed() {
                    events.append(await undo(applied, restoring: previous, now: now))
                }
                return events
            }
            return events
        }
    }

    /// Retries due attempts, then lifts expired changes (and retries due lifts).
    /// - Parameter now: the current time, seconds.
    public func tick(now: Double) async -> [EnforcerEvent] {
        await gate.run {
            var events: [EnforcerEvent] = []
            for retry in pending.values.sorted(by: { $0.nextAttempt < $1.nextAttempt }) where retry.nextAttempt <= now {
                let key = retry.action.kind.target
                guard pending[key]?.action == retry.action else { continue }
                pending[key] = nil
                events.append(await attempt(retry.action, attempts: retry.attempts + 1, now: now))
            }
            for change in active {
                guard let expiry = change.expiresAt, expiry <= now else { continue }
                if let next = change.nextLiftAttempt, next > now { continue }
                events.append(await lift(change, now: now))
            }
            return events
        }
    }

    /// Lifts every change in place, newest first (shutdown, or leaving enforce mode).
    /// Changes whose lift fails stay recorded and are retried by ``tick(now:)``.
    public func rollBackAll(now: Double) async -> [EnforcerEvent] {
        await gate.run {
            pending.removeAll()
            var events: [EnforcerEvent] = []
            for change in active.reversed() {
                var due = change
                due.expiresAt = min(change.expiresAt ?? now, now)
                changes[change.action.kind.target]?.expiresAt = due.expiresAt
                events.append(await lift(due, now: now))
            }
            return events
        }
    }

    /// Applies every change in place again, oldest first, keeping expiries and undos: for a
    /// gateway that restarted and forgot its runtime state (HAProxy maps after a reload).
    /// Failures are reported, not retried; the next call tries again.
    public func reassert(now: Double) async -> [EnforcerEvent] {
        await gate.run {
            var events: [EnforcerEvent] = []
            for change in active {
                let outcome = await gateway.apply(change.action)
                events.append(
                    EnforcerEvent(
                        action: change.action, kind: outcome.succeeded ? .applied : .gaveUp,
                        outcome: outcome, attempts: 1))
            }
            return events
        }
    }

    // MARK: - Internals

    private func attempt(_ action: Action, attempts: Int, now: Double) async -> EnforcerEvent {
        let outcome = await gateway.apply(action)
        switch outcome {
        case let .applied(_, undo):
            record(action, undo: undo, now: now)
            return EnforcerEvent(
                action: action, kind: action.kind.isLift ? .lifted : .applied, outcome: outcome,
                attempts: attempts)
        case let .failed(failure):
            if failure.isRetryable, attempts < retry.maxAttempts {
                let at = now + retry.delay(failures: attempts)
                pending[action.kind.target] = Pending(action: action, attempts: attempts, nextAttempt: at)
                return EnforcerEvent(action: action, kind: .retryScheduled(at: at), outcome: outcome, attempts: attempts)
            }
            return EnforcerEvent(action: action, kind: .gaveUp, outcome: outcome, attempts: attempts)
        }
    }

    private func record(_ action: Action, undo: Action.Kind?, now: Double) {
        let key = action.kind.target
        if action.kind.isLift {
            changes[key] = nil
            return
        }
        let expiry = action.timeToLive.map { now + $0 }
        if var existing = changes[key] {
            existing.action = action
            existing.undo = existing.undo ?? undo ?? action.kind.inverse
            existing.expiresAt = expiry
            existing.liftFailures = 0
            existing.nextLiftAttempt = nil
            changes[key] = existing
        } else {
            sequence += 1
            changes[key] = EnforcedChange(
                action: action, undo: undo ?? action.kind.inverse, appliedAt: now,
                expiresAt: expiry, sequence: sequence)
        }
    }

    /// Lifts one change; on failure schedules the next lift attempt.
    private func lift(_ change: EnforcedChange, now: Double) async -> EnforcerEvent {
        let key = change.action.kind.target
        guard let undo = change.undo else {
            changes[key] = nil
            return EnforcerEvent(
                action: change.action, kind: .gaveUp,
                outcome: .failed(
                    .unsupported(
                        gateway: gateway.name,
                        action: "undo \(change.action.kind) (previous state unknown)")),
                attempts: change.liftFailures)
        }
        let liftAction = Action(unchecked: change.action.id + "-lift", kind: undo)
        let outcome = await gateway.apply(liftAction)
        // Another call may have replaced the change while this one waited.
        guard let current = changes[key], current.sequence == change.sequence else {
            return EnforcerEvent(action: liftAction, kind: .lifted, outcome: outcome, attempts: 1)
        }
        if outcome.succeeded {
            changes[key] = nil
            return EnforcerEvent(action: liftAction, kind: .lifted, outcome: outcome, attempts: current.liftFailures + 1)
        }
        var failed = current
        failed.liftFailures += 1
        if let failure = outcome.failure, !failure.isRetryable {
            changes[key] = nil
            return EnforcerEvent(action: liftAction, kind: .gaveUp, outcome: outcome, attempts: failed.liftFailures)
        }
        let at = now + retry.delay(failures: failed.liftFailures)
        failed.nextLiftAttempt = at
        changes[key] = failed
        return EnforcerEvent(
            action: liftAction, kind: .liftRetryScheduled(at: at), outcome: outcome,
            attempts: failed.liftFailures)
    }

    /// Undoes one action of a failed batch: re-applies the change it replaced, or its undo.
    private func undo(_ action: Action, restoring previous: EnforcedChange?, now: Double) async -> EnforcerEvent {
        let key = action.kind.target
        let restoring: Action.Kind?
        if let previous {
            restoring = previous.action.kind
        } else {
            restoring = changes[key]?.undo ?? action.kind.inverse
        }
        guard let restoring else {
            return EnforcerEvent(
                action: action, kind: .rollbackFailed,
                outcome: .failed(.unsupported(gateway: gateway.name, action: "undo \(action.kind)")),
                attempts: 1)
        }
        let undoAction = Action(unchecked: action.id + "-rollback", kind: restoring)
        let outcome = await gateway.apply(undoAction)
        if outcome.succeeded {
            changes[key] = previous
            return EnforcerEvent(action: undoAction, kind: .rolledBack, outcome: outcome, attempts: 1)
        }
        // Leave it recorded and due, so tick keeps trying to lift it.
        changes[key]?.expiresAt = now
        return EnforcerEvent(action: undoAction, kind: .rollbackFailed, outcome: outcome, attempts: 1)
    }
}
