import SentinelAlerts
import SentinelPlanner

/// The planner's decisions in the runtime: recorded, carried out in enforce mode, announced.
extension SentinelRuntime {
    /// Records and counts a planner decision; in dry-run announces it at once, in enforce
    /// mode hands it to the gateway and announces it with its outcome.
    func carryOut(_ action: PlannedAction, observation: WindowObservation) {
        summary.actions += 1
        status.update { s in s.actions["\(action.kindName)/\(action.mode.rawValue)", default: 0] += 1 }
        var outcome = "recommended (dry run)"
        if action.mode == .enforce {
            let mapped = enforcement?.gatewayAction(for: action) ?? (nil, "no gateway configured")
            publishShared(action)
            if let gatewayAction = mapped.action, let enforcement {
                noteAction(action, outcome: "submitted to the gateway", level: .info)
                record { [self] in try database.insert(PlannerStage.stored(action, outcome: "pending", sensor: host)) }
                awaitingOutcome[action.id] = (action, observation)
                enforcement.submit(gatewayAction, actionID: action.id)
                return
            }
            outcome = mapped.missing.map { "not applied: \($0)" } ?? "lifted by the gateway at the time-to-live"
        }
        noteAction(action, outcome: outcome, level: outcome.hasPrefix("not applied") ? .warning : .notice)
        record { [self] in try database.insert(PlannerStage.stored(action, outcome: outcome, sensor: host)) }
        announce(action, observation: observation, taken: false)
    }

    /// Stores the outcomes of enforced actions and announces them.
    func collectEnforcement() {
        guard let enforcement else { return }
        for result in enforcement.takeResults() {
            record { [self] in _ = try database.setOutcome(actionID: result.actionID, outcome: result.outcome) }
            if !result.applied { summary.warnings.append("action \(result.actionID): \(result.outcome)") }
            noteEnforcement(result, action: awaitingOutcome[result.actionID]?.action)
            guard let waiting = awaitingOutcome[result.actionID], !result.outcome.hasPrefix("retrying") else { continue }
            awaitingOutcome[result.actionID] = nil
            announce(waiting.action, observation: waiting.observation, taken: result.applied)
        }
    }

    func announce(_ action: PlannedAction, observation: WindowObservation, taken: Bool) {
        guard let deliverer else { return }
        let alert = PlannerStage.alert(
            action, observation: observation, taken: taken, host: host, model: modelName(for: observation.className))
        queue(alert, on: deliverer, what: "action \(action.id)")
    }
}
