import Logging
import SentinelAlerts
import SentinelStore

/// `SIGHUP`: a checked configuration replaces the running one where it can while the sentinel
/// runs — incident thresholds, webhooks, the planner (its allow-lists, scaling and protection),
/// the gateway, the anomaly scorer, retention and the event log — keeping the open incidents,
/// the log positions, the outbox and the windows in progress. What needs the process restarted
/// (capture, window length, models, store, logs, endpoint, privileges, the site gate) keeps its
/// running value, and the log says so.
extension SentinelRuntime {
    /// Sections a reload cannot change: their running values stay, and a change is logged.
    static let restartOnly: [(name: String, differs: @Sendable (SentinelConfiguration, SentinelConfiguration) -> Bool)] = [
        ("capture", { $0.capture != $1.capture }),
        (
            "sentinel (other than retention_hours)",
            {
                var a = $0.sentinel, b = $1.sentinel
                a.retentionHours = 0
                b.retentionHours = 0
                return a != b
            }
        ),
        ("logs", { $0.logs != $1.logs }),
        ("http", { $0.http != $1.http }),
        ("privileges", { $0.privileges != $1.privileges }),
        ("baseline", { $0.baseline != $1.baseline }),
    ]

    /// Replaces what can change with `new` (already checked) and `webhooks` (its targets,
    /// secrets loaded); logs what changed and what waits for a restart.
    /// - Throws: ``RuntimeError`` or a gateway error when a new part cannot be built; nothing
    ///   has changed then.
    package func reload(_ new: SentinelConfiguration, webhooks: [WebhookTarget]) throws {
        let old = configuration
        var applied = new
        var waiting: [String] = []
        for section in Self.restartOnly where section.differs(old, new) { waiting.append(section.name) }
        applied.capture = old.capture
        applied.sentinel = old.sentinel
        applied.sentinel.retentionHours = new.sentinel.retentionHours
        applied.logs = old.logs
        applied.http = old.http
        applied.privileges = old.privileges
        applied.baseline = old.baseline
        // Build first what can fail, so a failure changes nothing.
        let enforce = applied.planner?.policy.mode == .enforce
        let enforcementChanges =
            enforce != (old.planner?.policy.mode == .enforce) || (enforce && applied.gateway != old.gateway)
        let newEnforcement = enforcementChanges && enforce ? try EnforcementStage(configuration: applied.gateway) : nil
        let eventsChange = applied.events != old.events
        let newEvents = eventsChange ? try applied.events.map { try EventLog(path: $0.path) } : nil

        var changed: [String] = []
        if applied.incidents != old.incidents {
            let policies = Self.incidentPolicies(applied.incidents)
            tracker.defaultPolicy = policies.base
            tracker.classPolicies = policies.perClass
            changed.append("incidents")
        }
        if applied.webhooks != old.webhooks {
            collectDeliveries()
            _ = deliverer?.waitIdle(seconds: flushSeconds)
            collectDeliveries()
            deliverer =
                webhooks.isEmpty
                ? nil
                : DeliveryPump(deliverer: WebhookDeliverer(targets: webhooks, outbox: StoreOutbox(database: database, sensor: host)))
            flushSeconds = (webhooks.map(\.timeout).max() ?? 0) + 2
            changed.append("alerts")
        }
        if applied.planner != old.planner {
            // A new planner starts its forecast history afresh; the decisions already stored stay.
            planner = PlannerStage(configuration: applied)
            if planner == nil {
                leadership?.release()
                leadership = nil
            } else if leadership == nil {
                leadership = LeaderLease(store: database, holder: host, duration: applied.sentinel.leaderLeaseSeconds)
            }
            changed.append("planner")
        }
        if enforcementChanges {
            // Blocks and limits the old gateway holds are lifted: the new one would never lift them.
            enforcement?.shutdown(now: Self.now(), seconds: flushSeconds + 10)
            collectEnforcement()
            enforcement = newEnforcement
            changed.append("gateway")
        } else if applied.gateway != old.gateway {
            changed.append("gateway")
        }
        if applied.anomalies != old.anomalies {
            anomalies = applied.anomalies.enabled ? AnomalyWatch(configuration: applied.anomalies) : nil
            changed.append("anomalies")
        }
        if applied.sentinel.retentionHours != old.sentinel.retentionHours { changed.append("sentinel.retention_hours") }
        if eventsChange {
            events?.closeFile()
            events = newEvents
            changed.append("events")
        } else if let events, let failure = events.reopen() {
            logger.error("cannot reopen the event log", metadata: ["path": "\(events.path)", "error": "\(failure)"])
        }
        if applied.log != old.log { changed.append("log") }
        configuration = applied
        logger.notice(
            "configuration reloaded",
            metadata: [
                "changed": "\(changed.isEmpty ? "nothing" : changed.joined(separator: ","))",
                "open_incidents": "\(tracker.openIncidents.count)",
            ])
        for section in waiting {
            logger.warning("configuration change kept for the next start (a reload cannot apply it)", metadata: ["section": "\(section)"])
        }
    }

    /// The tracker's policies for an `incidents:` section.
    static func incidentPolicies(_ incidents: SentinelConfiguration.Incidents) -> (base: IncidentPolicy, perClass: [String: IncidentPolicy])
    {
        let base = IncidentPolicy(openAfter: incidents.openAfter, resolveAfter: incidents.resolveAfter, cooldown: incidents.cooldown)
        var perClass: [String: IncidentPolicy] = [:]
        for (name, override) in incidents.classes {
            perClass[name] = IncidentPolicy(
                openAfter: override.openAfter ?? base.openAfter,
                resolveAfter: override.resolveAfter ?? base.resolveAfter, cooldown: base.cooldown)
        }
        return (base, perClass)
    }
}
