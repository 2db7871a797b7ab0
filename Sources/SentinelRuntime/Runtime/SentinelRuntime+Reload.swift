import Logging
import SentinelAlerts
import SentinelStore

/// `SIGHUP`: a checked configuration replaces the running one where it can while the sentinel
/// runs — incident thresholds, webhooks, the planner (its allow-lists, scaling and protection;
/// its load history and forecast go on),
/// the gateway, the logs followed, the anomaly scorer, retention and the event log — keeping the
/// open incidents, the log positions, the outbox and the windows in progress. What needs the
/// process restarted (capture, window length, models, store, a followed log's slow threshold,
/// the endpoint's address, privileges, the site gate) keeps its running value, and the log says so.
extension SentinelRuntime {
    /// Sections a reload cannot change: their running values stay, and a change is logged.
    static let restartOnly: [(name: String, differs: @Sendable (SentinelConfiguration, SentinelConfiguration) -> Bool)] = [
        ("capture", { $0.capture != $1.capture }),
        (
            "sentinel (other than retention_hours and load_retention_days)",
            {
                var a = $0.sentinel, b = $1.sentinel
                a.retentionHours = 0
                b.retentionHours = 0
                a.loadRetentionDays = 0
                b.loadRetentionDays = 0
                return a != b
            }
        ),
        (
            "logs (slow_threshold of a log already followed)",
            { old, new in
                new.logs.contains { log in old.logs.contains { $0.path == log.path && $0.slowThreshold != log.slowThreshold } }
            }
        ),
        ("http.listen", { $0.http.listen != $1.http.listen }),
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
        applied.sentinel.loadRetentionDays = new.sentinel.loadRetentionDays
        // A log already followed keeps its aggregator (and so its slow threshold).
        for index in applied.logs.indices {
            if let running = old.logs.first(where: { $0.path == applied.logs[index].path }) {
                applied.logs[index].slowThreshold = running.slowThreshold
            }
        }
        // The endpoint's token (re-read by the caller, like the secrets) changes; its address does not.
        applied.http.listen = old.http.listen
        applied.privileges = old.privileges
        applied.baseline = old.baseline
        // Build first what can fail, so a failure changes nothing.
        let enforce = applied.planner?.policy.mode == .enforce
        let enforcementChanges =
            enforce != (old.planner?.policy.mode == .enforce) || (enforce && applied.gateway != old.gateway)
        let newEnforcement = enforcementChanges && enforce ? try EnforcementStage(configuration: applied.gateway) : nil
        let eventsChange = applied.events != old.events
        let newEvents = eventsChange ? try applied.events.map { try EventLog(path: $0.path) } : nil
        let followed = Set(old.logs.map(\.path))
        let added = try applied.logs.filter { !followed.contains($0.path) }.map {
            try Self.tail($0, window: applied.sentinel.window, database: database)
        }

        var changed: [String] = []
        if applied.incidents != old.incidents {
            let policies = Self.incidentPolicies(applied.incidents)
            tracker.defaultPolicy = policies.base
            tracker.classPolicies = policies.perClass
            changed.append("incidents")
        }
        // Also when only a secret changed (a rotated secret_file): the targets hold the secrets.
        let running = deliverer?.targets ?? [:]
        let wanted = Dictionary(webhooks.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        if applied.webhooks != old.webhooks || running != wanted {
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
        // The gateway's configuration files are read again: a server added there is allow-listed.
        let upstreamsMoved = planner.map { $0.configuredUpstreams != applied.gateway.configuredUpstreams().prefixes } ?? false
        if applied.planner != old.planner || upstreamsMoved {
            // A new planner keeps the old one's load history (same source), so its forecast
            // goes on; it takes over the replicas and the shared blocks from the store, as at a start.
            let previous = planner
            planner = PlannerStage(configuration: applied)
            if var stage = planner {
                if let previous { stage.continueHistory(of: previous) }
                resumePlannerState(&stage, now: clock.now())
                planner = stage
            }
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
            enforcement?.shutdown(now: clock.now(), seconds: flushSeconds + 10)
            collectEnforcement()
            enforcement = newEnforcement
            // The fleet's shared blocks and limits go to the new gateway at the next reconcile.
            appliedShared = [:]
            changed.append("gateway")
        } else if applied.gateway != old.gateway {
            changed.append("gateway")
        }
        if applied.logs != old.logs {
            updateLogs(applied.logs, adding: added)
            changed.append("logs")
        }
        if applied.anomalies != old.anomalies {
            anomalies = applied.anomalies.enabled ? AnomalyWatch(configuration: applied.anomalies) : nil
            resumeAnomalies(now: clock.now())
            changed.append("anomalies")
        }
        if applied.sentinel.retentionHours != old.sentinel.retentionHours { changed.append("sentinel.retention_hours") }
        if applied.sentinel.loadRetentionDays != old.sentinel.loadRetentionDays { changed.append("sentinel.load_retention_days") }
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
                "planner_history": "\(planner?.historyCount ?? 0)",
            ])
        for section in waiting {
            logger.warning("configuration change kept for the next start (a reload cannot apply it)", metadata: ["section": "\(section)"])
        }
    }

    /// Follows the `added` logs, stops following those `logs` no longer lists (their open
    /// window is finished and stored, their position saved), and gives the others their new
    /// format or field names.
    private func updateLogs(_ logs: [SentinelConfiguration.Log], adding added: [TailedLog]) {
        let wanted = Dictionary(logs.map { ($0.path, $0) }) { first, _ in first }
        for log in self.logs where wanted[log.path] == nil {
            readLog(self.logs.firstIndex { $0.path == log.path }!, now: clock.now())
            log.aggregator.finish()
            logger.notice("log no longer followed", metadata: ["path": "\(log.path)"])
        }
        storeLogWindows()
        self.logs.removeAll { wanted[$0.path] == nil }
        for index in self.logs.indices {
            guard let settings = wanted[self.logs[index].path], settings.format != self.logs[index].format || settings.fields != nil else {
                continue
            }
            self.logs[index].format = settings.format
            self.logs[index].parser = settings.parser
        }
        for log in added {
            let path = log.path
            log.aggregator.onWindow = { [unowned self] window in self.pendingLogWindows.append((path, window)) }
            self.logs.append(log)
            logger.notice("log followed", metadata: ["path": "\(path)"])
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
