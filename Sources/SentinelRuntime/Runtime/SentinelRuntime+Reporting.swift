import Foundation
import Logging
import SentinelAlerts
import SentinelCore
import SentinelPlanner

/// What the runtime tells the operator (the log on standard error) and a SIEM (the event
/// log) while it runs: one call per event, both outputs from the same facts.
extension SentinelRuntime {
    /// A classified (or unclassified) window: into the event log per `events.verdicts`.
    func noteVerdict(_ observation: WindowObservation, classified: Bool, count: Int) {
        guard let events, let settings = configuration.events else { return }
        let isAttack = classified && observation.className != ClassLabel.normal
        guard isAttack || settings.verdicts == .all else { return }
        var verdict: [String: Any] = [
            "class": classified ? observation.className : NSNull(),
            "window_start": EventLog.timestamp(observation.start), "window_end": EventLog.timestamp(observation.end),
            "count": count, "top_offenders": observation.topOffenders,
            // JSON has no NaN or infinity: such a feature is left out.
            "key_features": observation.keyFeatures.filter { $0.value.isFinite },
        ]
        if classified, observation.confidence.isFinite { verdict["confidence"] = observation.confidence }
        write(events, type: "verdict", time: observation.end, source: observation.target, body: verdict)
    }

    /// An incident opened or resolved (`fleet`: with the fleet's id and totals).
    func noteIncident(_ event: IncidentEvent, fleet: Incident) {
        let opened: Bool
        if case .opened = event { opened = true } else { opened = false }
        var metadata: Logger.Metadata = [
            "incident": "\(fleet.id)", "class": "\(fleet.className)", "target": "\(fleet.target)",
            "windows": "\(fleet.windows)", "confidence": "\(Self.rounded(fleet.peakConfidence))",
        ]
        if !fleet.offenders.isEmpty { metadata["offenders"] = "\(fleet.offenders.prefix(5).joined(separator: ","))" }
        if opened {
            logger.warning("incident opened", metadata: metadata)
        } else {
            if let end = fleet.end { metadata["duration_s"] = "\(Self.rounded(end - fleet.start))" }
            logger.notice("incident resolved", metadata: metadata)
        }
        guard let events else { return }
        var body: [String: Any] = [
            "id": fleet.id, "state": opened ? "opened" : "resolved", "class": fleet.className, "target": fleet.target,
            "started": EventLog.timestamp(fleet.start), "windows": fleet.windows,
            "peak_confidence": fleet.peakConfidence.isFinite ? fleet.peakConfidence : 0,
            "offenders": fleet.offenders, "model": modelName(for: fleet.className),
        ]
        if let end = fleet.end { body["ended"] = EventLog.timestamp(end) }
        write(events, type: "incident", time: opened ? clock.now() : (fleet.end ?? clock.now()), source: fleet.target, body: body)
    }

    /// A planner decision: recommended (dry run), submitted, or not applied.
    func noteAction(_ action: PlannedAction, outcome: String, level: Logger.Level) {
        logger.log(
            level: level, "action \(action.mode == .enforce ? "decided" : "recommended"): \(action.kindName) \(action.target)",
            metadata: [
                "action": "\(action.id)", "kind": "\(action.kindName)", "target": "\(action.target)", "mode": "\(action.mode.rawValue)",
                "outcome": "\(outcome)", "rule": "\(action.rule)", "reason": "\(action.explanation)",
            ])
        guard let events else { return }
        write(
            events, type: "action", time: action.time, source: action.target,
            body: [
                "id": action.id, "kind": action.kindName, "target": action.target, "mode": action.mode.rawValue, "outcome": outcome,
                "rule": action.rule, "explanation": action.explanation,
            ])
    }

    /// What the gateway made of an enforced action: applied, retrying, or given up.
    func noteEnforcement(_ result: EnforcementStage.Result, action: PlannedAction?) {
        var metadata: Logger.Metadata = ["action": "\(result.actionID)", "outcome": "\(result.outcome)"]
        if let action { metadata["kind"] = "\(action.kindName)"; metadata["target"] = "\(action.target)" }
        if result.applied {
            logger.notice("action applied by the gateway", metadata: metadata)
        } else if result.outcome.hasPrefix("retrying") {
            logger.warning("action failed at the gateway; retrying", metadata: metadata)
        } else {
            logger.error("action given up: the gateway did not apply it", metadata: metadata)
        }
        guard let events else { return }
        var body: [String: Any] = ["id": result.actionID, "outcome": result.outcome, "applied": result.applied]
        if let action {
            body["kind"] = action.kindName
            body["target"] = action.target
            body["mode"] = action.mode.rawValue
        }
        write(events, type: "action", time: clock.now(), source: action?.target ?? "", body: body)
    }

    /// One webhook delivery attempt.
    func noteDelivery(_ outcome: DeliveryOutcome) {
        let metadata: Logger.Metadata = [
            "event": "\(outcome.eventID)", "webhook": "\(outcome.webhook)", "attempt": "\(outcome.attempt)",
        ]
        if outcome.delivered {
            if outcome.attempt > 1 {
                logger.notice("alert delivered after failed attempts", metadata: metadata)
            } else {
                logger.debug("alert delivered", metadata: metadata)
            }
        } else {
            var failed = metadata
            failed["error"] = "\(outcome.error ?? "")"
            if let next = outcome.nextAttempt { failed["retry_in_s"] = "\(Self.rounded(max(0, next - clock.now())))" }
            logger.warning("alert delivery failed; kept in the outbox for a retry", metadata: failed)
        }
        guard let events else { return }
        var body: [String: Any] = [
            "event_id": outcome.eventID, "webhook": outcome.webhook, "delivered": outcome.delivered, "attempt": outcome.attempt,
        ]
        if let error = outcome.error { body["error"] = error }
        if let next = outcome.nextAttempt { body["next_attempt"] = EventLog.timestamp(next) }
        write(events, type: "delivery", time: clock.now(), source: outcome.webhook, body: body)
    }

    /// A store write that failed for another reason than an unreachable database (at most one
    /// line a minute for the same message).
    func noteStoreProblem(_ message: String) {
        throttled("store:" + message, every: 60) { logger.error("store write failed", metadata: ["error": "\(message)"]) }
    }

    /// Frames lost by the kernel or the interface, or dropped from the full analysis queue:
    /// a line when they grow, at most every 10 s per interface.
    func noteDrops(interface: String, kernel: UInt64, queue: UInt64, now: Double) {
        let total = kernel + queue
        let before = reportedDrops[interface] ?? 0
        guard total > before, now - (lastLogged["drops:" + interface] ?? 0) >= 10 else { return }
        lastLogged["drops:" + interface] = now
        reportedDrops[interface] = total
        logger.warning(
            "capture dropping frames",
            metadata: ["interface": "\(interface)", "kernel": "\(kernel)", "queue": "\(queue)", "new": "\(total - before)"]
        )
    }

    /// The last line of a run: what it did.
    func logStopped() {
        logger.notice(
            "stopped",
            metadata: [
                "windows": "\(summary.windows.values.reduce(0, +))", "incidents_opened": "\(summary.incidentsOpened)",
                "incidents_resolved": "\(summary.incidentsResolved)", "actions": "\(summary.actions)",
                "alerts_delivered": "\(summary.alertsDelivered)", "alert_failures": "\(summary.alertFailures)",
                "outbox": "\(summary.outboxDepth)",
            ])
    }

    /// Runs `body` unless the same `key` ran less than `every` seconds ago.
    func throttled(_ key: String, every: Double, _ body: () -> Void) {
        let now = clock.now()
        guard now - (lastLogged[key] ?? 0) >= every else { return }
        lastLogged[key] = now
        body()
    }

    private func write(_ events: EventLog, type: String, time: Double, source: String, body: [String: Any]) {
        if let failure = events.append(type: type, time: time, sensor: host, source: source, body: body) {
            throttled("events", every: 60) {
                logger.error("cannot write the event log", metadata: ["path": "\(events.path)", "error": "\(failure)"])
            }
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
