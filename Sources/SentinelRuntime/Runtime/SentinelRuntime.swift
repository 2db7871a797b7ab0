import Foundation
import Logging
import SentinelAlerts
import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelPlanner
import SentinelStore

/// The long-running sentinel: live capture on each configured interface (its own thread,
/// decoupled by a bounded queue), access logs tailed across rotation, windows closed on
/// wall-clock time, each classified, stored, and fed to the incident tracker, whose opens and
/// resolves go through the durable outbox to every webhook.
package final class SentinelRuntime {
    struct Interface {
        var name: String
        var capture: CaptureThread
        var queue: FrameQueue
        var analyzer: Analyzer
        var relay: Relay<WindowRecord>
    }

    /// Lets a pipeline built before `self` exists call back into it once it does.
    final class Relay<Value> {
        var handler: ((Value) -> Void)?
    }

    struct TailedLog {
        var path: String
        var tailer: LogTailer
        var parser: (any AccessLogParser)?
        var format: LogFormat
        var aggregator: LogWindowAggregator
        /// The position last saved in the store.
        var saved: LogPosition?
        /// The position after the last read (to notice rotations and truncations).
        var seen: LogPosition?
    }

    /// The configuration in force (a reload replaces what can change while running).
    var configuration: SentinelConfiguration
    let detector: WindowDetector?
    let logDetector: LogWindowDetector?
    let database: any StoreBackend
    var deliverer: DeliveryPump?
    /// The longest webhook timeout: how long a final flush may wait for one attempt.
    var flushSeconds: Double
    let host: String
    let modelName: String
    /// The log model's path, named in alerts about log windows.
    /// The site model naming an unusual packet window's class.
    let siteDetector: WindowDetector?
    let logModelName: String?
    var interfaces: [Interface] = []
    var logs: [TailedLog] = []
    var tracker: IncidentTracker
    var planner: PlannerStage?
    /// Who plans in a fleet (nil without a planner).
    var leadership: LeaderLease?
    var anomalies: AnomalyWatch?
    /// Where each interface's site gate starts (nil: `baseline.enabled: false`).
    let siteBaseline: SiteBaseline?
    /// Each interface's site gate: its own normal, learnt as its windows arrive.
    var gates: [String: SiteGate<WindowRecord>] = [:]
    /// Each access log's site gate (latency and errors against the log's own normal).
    var logGates: [String: SiteGate<LogWindowRecord>] = [:]
    var enforcement: EnforcementStage?
    /// Enforced actions waiting for their outcome, with the window that led to them (for the alert).
    var awaitingOutcome: [String: (action: PlannedAction, observation: WindowObservation)] = [:]
    /// The fleet's shared blocks and limits applied to this gateway (or published by it), with
    /// when they expire.
    var appliedShared: [String: Double] = [:]
    var summary = RuntimeSummary()
    /// This sentinel's incidents that joined another sensor's fleet-wide incident: local id → fleet id.
    var fleetIDs: [String: String] = [:]
    /// The legitimate load of each load series' last window not classified as an attack, stored
    /// with the attack windows' points (``storeLoad(_:series:start:className:)``).
    var lastLegitimateLoad: [String: Double] = [:]
    /// The longest a stop may spend finishing windows, lifting enforced actions and flushing
    /// the outbox, well inside systemd's `TimeoutStopSec=30` (deploy/sentinel.service): a
    /// hung receiver or gateway past it keeps its alerts in the durable outbox for the next
    /// start instead of getting the sentinel killed mid-write (issue 16).
    package static let stopBudgetSeconds = 20.0
    /// Store writes waiting for a database that cannot take them (unreachable, disk full).
    let storeBuffer: StoreWriteBuffer
    /// When the buffered writes are tried again.
    var nextStoreRetry = 0.0
    var pendingLogWindows: [(String, LogWindowRecord)] = []
    /// The live counters and latest windows, for the HTTP endpoint.
    package let status = RuntimeStatus()
    /// Where every schedule reads the time.
    let clock: any RuntimeClock
    /// When each periodic task of ``pass()`` is next due (set by ``startCapture()``).
    private var schedule = Schedule()
    /// The operational log (standard error, journald).
    let logger: Logger
    /// The JSON-lines event log for a SIEM (nil: `events:` not configured).
    var events: EventLog?
    /// When each throttled log message was last written, by its key.
    var lastLogged: [String: Double] = [:]
    /// The capture drops already reported in the log, per interface.
    var reportedDrops: [String: UInt64] = [:]

    /// Opens every capture handle and log (errors here stop the start-up), the store and
    /// the outbox.
    /// - Parameters:
    ///   - detector: classifies packet windows (nil: stored unclassified).
    ///   - logDetector: classifies access-log windows (nil: stored unclassified).
    ///   - siteDetector: the site model naming an unusual packet window's class (nil: the
    ///     packet model names it).
    ///   - clock: where the schedules read the time (the wall clock unless a test moves it).
    ///   - openCapture: opens each configured interface (live capture through libpcap unless
    ///     a test hands in a capture file or frames of its own).
    /// - Throws: ``CaptureError`` for an interface, ``StoreError``, ``AlertsError``.
    package init(
        configuration: SentinelConfiguration, detector: WindowDetector?, logDetector: LogWindowDetector? = nil,
        siteDetector: WindowDetector? = nil, database: any StoreBackend, webhooks: [WebhookTarget], host: String, modelName: String,
        logModelName: String? = nil, logger: Logger = Logger(label: "sentinel"), clock: any RuntimeClock = SystemClock(),
        openCapture: (LiveCaptureOptions) throws -> any PacketSource = { try LivePacketSource(options: $0) }
    ) throws {
        self.logger = logger
        self.clock = clock
        self.logModelName = logModelName
        self.configuration = configuration
        self.storeBuffer = StoreWriteBuffer(capacity: configuration.sentinel.storeBufferWrites)
        self.detector = detector
        self.logDetector = logDetector
        self.siteDetector = siteDetector
        self.database = database
        self.host = host
        self.modelName = modelName
        self.deliverer =
            webhooks.isEmpty
            ? nil
            : DeliveryPump(deliverer: WebhookDeliverer(targets: webhooks, outbox: StoreOutbox(database: database, sensor: host)))
        self.flushSeconds = (webhooks.map(\.timeout).max() ?? 0) + 2
        let policies = Self.incidentPolicies(configuration.incidents)
        tracker = IncidentTracker(defaultPolicy: policies.base, classPolicies: policies.perClass)
        events = try configuration.events.map { try EventLog(path: $0.path) }
        planner = PlannerStage(configuration: configuration)
        leadership =
            planner == nil
            ? nil : LeaderLease(store: database, holder: host, duration: configuration.sentinel.leaderLeaseSeconds)
        anomalies = configuration.anomalies.enabled ? AnomalyWatch(configuration: configuration.anomalies) : nil
        enforcement = configuration.planner?.policy.mode == .enforce ? try EnforcementStage(configuration: configuration.gateway) : nil
        siteBaseline = try Self.siteBaseline(configuration.baseline)
        // In a fleet the store holds the other sentinels' incidents too: this one resumes those it
        // still saw when it stopped (its evidence is not resolved), or its own from before fleets.
        for stored in try database.openIncidents() {
            let evidence = try database.incidentEvidence(id: stored.id)
            let mine = evidence.contains { $0.sensor == host && $0.resolved == nil }
            guard mine || (evidence.isEmpty && (stored.sensor.isEmpty || stored.sensor == host)) else { continue }
            // Its last attack window before the stop (else its counted windows from the open):
            // a restored incident that resolves never reports `resolved == opened`.
            let counted = stored.opened + Double(stored.windows) * configuration.sentinel.window
            let lastEnd = (try? database.lastWindowEnd(source: stored.target, verdict: stored.className, from: stored.opened)) ?? nil
            tracker.restore(
                open: Incident(
                    id: stored.id, className: stored.className, target: stored.target,
                    start: stored.opened, windows: stored.windows, peakConfidence: stored.peakConfidence,
                    offenders: stored.topOffenders, keyFeatures: [:]),
                lastAttackEnd: max(lastEnd ?? counted, counted))
        }
        let restored = tracker.openIncidents
        status.update { s in
            s.openIncidents = restored.count
            s.incidents = restored.map { "\($0.className)@\($0.target)" }
        }
        var options = AnalysisOptions()
        options.windows.window = configuration.sentinel.window
        options.flows.maxFlows = configuration.capture.maxFlows
        for name in configuration.capture.interfaces {
            var live = LiveCaptureOptions(interface: name, filter: configuration.capture.filter)
            live.snapshotLength = Int32(clamping: configuration.capture.snaplen)
            live.bufferMegabytes = Int32(clamping: configuration.capture.bufferMB)
            let source = try openCapture(live)
            summary.warnings += source.warnings
            let queue = FrameQueue(capacity: configuration.capture.queueCapacity)
            let relay = Relay<WindowRecord>()
            let analyzer = Analyzer(options: options) { relay.handler?($0) }
            interfaces.append(
                Interface(
                    name: name, capture: CaptureThread(interface: name, source: source, queue: queue), queue: queue,
                    analyzer: analyzer, relay: relay))
        }
        for log in configuration.logs {
            logs.append(try Self.tail(log, window: configuration.sentinel.window, database: database))
        }
        for index in interfaces.indices {
            let name = interfaces[index].name
            interfaces[index].relay.handler = { [unowned self] window in self.handle(window, interface: name) }
        }
        for index in logs.indices {
            let path = logs[index].path
            logs[index].aggregator.onWindow = { [unowned self] window in self.pendingLogWindows.append((path, window)) }
        }
        resumeAnomalies(now: clock.now())
    }

    /// Starts following `log` where the last run stopped; on a first run, from its end, so that
    /// history already in the file never raises alerts. Its windows go nowhere until
    /// `aggregator.onWindow` is set.
    /// - Throws: ``StoreError`` when the saved position cannot be read.
    static func tail(_ log: SentinelConfiguration.Log, window: Double, database: any StoreBackend) throws -> TailedLog {
        var settings = LogWindowAggregator.Configuration()
        settings.window = window
        settings.slowThreshold = log.slowThreshold
        let saved = try database.logPosition(path: log.path).map {
            LogPosition(device: UInt64(bitPattern: $0.device), inode: UInt64(bitPattern: $0.inode), offset: $0.offset)
        }
        let start = saved ?? LogTailer.endPosition(of: log.path)
        return TailedLog(
            path: log.path, tailer: LogTailer(path: log.path, resumeFrom: start), parser: log.parser,
            format: log.format, aggregator: LogWindowAggregator(configuration: settings) { _ in }, saved: saved, seen: start)
    }

    /// Becomes `user` once the capture handles are open, when running as root: its primary
    /// group and its supplementary groups (`/etc/group`), so that a log readable by a group
    /// the user is in (`root:adm 0640`, with the user in `adm`) is still read. Root's own
    /// groups are gone.
    /// - Throws: a message naming the user when it does not exist or the switch fails.
    package static func dropPrivileges(to user: String) throws {
        guard getuid() == 0 else { return }
        guard let entry = getpwnam(user) else { throw RuntimeError.unknownUser(user) }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        guard initgroups(user, gid) == 0, setgid(gid) == 0, setuid(uid) == 0 else {
            throw RuntimeError.cannotDropPrivileges(user: user, reason: String(cString: strerror(errno)))
        }
    }

    /// Runs until `shouldStop` returns true or `duration` seconds pass; then stops capture,
    /// finishes the open windows, delivers what it can and returns the summary.
    /// - Parameter eachPass: called on the loop's thread once per pass (where a reload runs).
    package func run(duration: Double? = nil, shouldStop: () -> Bool, eachPass: ((SentinelRuntime) -> Void)? = nil) -> RuntimeSummary {
        startCapture()
        let started = clock.now()
        while !shouldStop() {
            if let duration, clock.now() - started >= duration { break }
            eachPass?(self)
            pass(wait: interfaces.isEmpty ? 0 : 0.1 / Double(interfaces.count))
            if interfaces.isEmpty { usleep(100_000) }
        }
        return finish()
    }

    /// When each periodic task is next due.
    private struct Schedule {
        var delivery = 0.0
        var purge = 0.0
        var baselineSave = 0.0
        var shared = 0.0
    }

    /// Starts every interface's capture thread and the periodic schedules from now.
    package func startCapture() {
        for interface in interfaces { interface.capture.start() }
        let started = clock.now()
        schedule = Schedule(
            delivery: started, purge: started + 60, baselineSave: started + Self.baselineSaveInterval, shared: started)
    }

    /// One pass of the loop at the clock's time: the captured frames and new log lines into
    /// windows (waiting up to `wait` seconds for frames), then whatever is due — deliveries,
    /// enforcement, the fleet's shared actions, baseline saves, purges.
    package func pass(wait: Double = 0) {
        let now = clock.now()
        pump(now: now, wait: wait)
        if now >= schedule.delivery {
            flushStoreBuffer()
            deliver(now: now)
            enforcement?.tick(now: now)
            collectEnforcement()
            schedule.delivery = now + 1
        }
        if now >= schedule.shared {
            reconcileShared(now: now)
            schedule.shared = now + Self.sharedActionInterval
        }
        if now >= schedule.baselineSave {
            saveBaselines(now: now)
            schedule.baselineSave = now + Self.baselineSaveInterval
        }
        if now >= schedule.purge {
            purge(now: now)
            schedule.purge = now + 600
        }
    }

    /// Stops capture, finishes the open windows, delivers what it can and returns the summary.
    package func finish() -> RuntimeSummary {
        logger.info("stopping: finishing the open windows and flushing the outbox")
        for interface in interfaces { interface.capture.stop() }
        let end = clock.now()
        pump(now: end, wait: 0)
        for interface in interfaces {
            let totals = interface.analyzer.finish(source: interface.capture.source)
            summary.capture[interface.name] = totals.capture
            summary.queueDrops += interface.queue.dropCount
        }
        // Every wait from here on fits in the stop budget, whatever the webhook timeouts.
        // The budget is real time (webhooks answer in it), whatever clock the schedules read.
        let stopDeadline = Date().timeIntervalSince1970 + Self.stopBudgetSeconds
        func remaining(atMost seconds: Double) -> Double { max(0, min(seconds, stopDeadline - Date().timeIntervalSince1970)) }
        for log in logs { log.aggregator.finish() }
        storeLogWindows()
        saveBaselines(now: end)
        // Enforced changes do not outlive the sentinel: nobody would lift them.
        enforcement?.shutdown(now: clock.now(), seconds: remaining(atMost: flushSeconds + 10))
        collectEnforcement()
        // What waited for the database goes first, so its alerts are in the final flush.
        flushStoreBuffer(force: true)
        // Flush: let a running pass end, then one more for what the last windows queued. A
        // receiver that hangs past this keeps its items in the outbox for the next start.
        if let deliverer, deliverer.waitIdle(seconds: remaining(atMost: flushSeconds)) {
            deliver(now: clock.now())
            _ = deliverer.waitIdle(seconds: remaining(atMost: flushSeconds))
        }
        collectDeliveries()
        if !storeBuffer.isEmpty || storeBuffer.dropped > 0 {
            summary.warnings.append(
                "\(storeBuffer.count + storeBuffer.dropped) store writes lost: the database was unreachable "
                    + "(\(storeBuffer.dropped) dropped from the full buffer, \(storeBuffer.count) still waiting at the stop)")
        }
        leadership?.release()
        summary.outboxDepth = (try? database.outboxDepth()) ?? 0
        logStopped()
        events?.closeFile()
        return summary
    }

    // MARK: - The loop

    private func pump(now: Double, wait: Double) {
        for interface in interfaces {
            for frame in interface.queue.drain(timeout: wait) {
                frame.bytes.withUnsafeBytes { bytes in
                    interface.analyzer.ingest(
                        CapturedFrame(
                            timestamp: frame.timestamp, wireLength: frame.wireLength,
                            bytes: bytes, linkType: frame.linkType))
                }
            }
            interface.analyzer.tick(now: now)
            let totals = interface.analyzer.runningTotals
            let drops = interface.queue.dropCount
            let capture = interface.capture.statistics
            status.update { s in
                s.kernelDrops[interface.name] = capture.droppedByKernel
                s.interfaceDrops[interface.name] = capture.droppedByInterface
                s.frames[interface.name] = totals.frames
                s.bytes[interface.name] = totals.bytes
                s.queueDrops[interface.name] = drops
                for (reason, count) in totals.malformed { s.malformed[reason.rawValue, default: 0] = count }
            }
            noteDrops(interface: interface.name, kernel: capture.droppedByKernel + capture.droppedByInterface, queue: drops, now: now)
        }
        for index in logs.indices { readLog(index, now: now) }
        storeLogWindows()
    }

    /// The baseline each interface's gate starts from: the file's, else an empty one.
    private static func siteBaseline(_ settings: SentinelConfiguration.Baseline) throws(RuntimeError) -> SiteBaseline? {
        guard settings.enabled else { return nil }
        var baseline: SiteBaseline
        if let path = settings.file {
            do {
                baseline = try SiteBaselineFile.load(path: path, kind: "packets").baseline
            } catch {
                throw .unusableBaseline(error.description)
            }
        } else {
            baseline = SiteBaseline()
            baseline.configuration.warmupWindows = settings.warmup
        }
        baseline.configuration.unusualZ = settings.unusualZ
        baseline.configuration.adoptSeconds = settings.adoptSeconds
        return baseline
    }

    private func handle(_ window: WindowRecord, interface: String) {
        var verdict = detector?.classify(window)
        if let classified = verdict, var gate = gates[interface] ?? startingGate(interface: interface) {
            verdict = gate.judge(window, verdict: classified)
            gates[interface] = gate
        }
        var features: [String: Double] = [:]
        for feature in WindowFeature.allCases { features[feature.name] = window.features[feature] }
        storeLoad(
            window.features[.packetsPerSecond], series: "packets_per_s:\(interface)", start: window.start,
            className: verdict?.className)
        conclude(
            WindowObservation(
                start: window.start, end: window.end, className: verdict?.className ?? ClassLabel.normal,
                confidence: verdict?.confidence ?? 0, target: interface,
                topOffenders: window.topTalkers.map(\.address.description),
                keyFeatures: Self.keyFeatures(
                    features, reasons: verdict?.explanation?.reasons ?? [],
                    fallback: [WindowFeature.packetsPerSecond, .newFlowsPerSecond, .synShare, .distinctSources].map(\.name))),
            count: Int(window.packets), load: window.features[.packetsPerSecond], features: features, verdict: verdict,
            classNames: detector?.classNames ?? [], siteLearning: gates[interface].map { !$0.baseline.isWarm } ?? false)
        watch(
            source: interface, series: Self.watchedPacketFeatures.map { ($0.name, window.features[$0]) }, start: window.start,
            end: window.end)
    }

    /// Scores each series' point; anomalous runs open `degradation` incidents.
    func watch(source: String, series: [(name: String, value: Double)], start: Double, end: Double) {
        guard var watcher = anomalies else { return }
        var observations: [WindowObservation] = []
        for (name, value) in series.sorted(by: { $0.name < $1.name }) {
            if let observation = watcher.observe(source: source, series: name, value: value, start: start, end: end) {
                observations.append(observation)
            }
        }
        anomalies = watcher
        for observation in observations {
            for event in tracker.observe(window: observation) { announce(event, at: end) }
        }
        if !observations.isEmpty { publishIncidents() }
    }

    /// The open incidents, for `/api/status` and `/metrics`.
    func publishIncidents() {
        let nowOpen = tracker.openIncidents
        status.update { s in
            s.openIncidents = nowOpen.count
            s.incidents = nowOpen.map { "\($0.className)@\($0.target)" }
        }
    }

    /// Stores a classified window (packets or log), counts it, and feeds the incident tracker.
    /// - Parameter siteLearning: the source's site baseline is still learning its warm-up, so
    ///   the verdict is the model's alone: alerted, never acted on against its sources.
    func conclude(
        _ observation: WindowObservation, count: Int, load: Double, features: [String: Double],
        verdict: WindowVerdict?, classNames: [String], siteLearning: Bool = false
    ) {
        let source = observation.target
        summary.windows[source, default: 0] += 1
        if let verdict { summary.verdicts[verdict.className, default: 0] += 1 }
        var probabilities: [String: Double] = [:]
        if let verdict { for (name, p) in zip(classNames, verdict.probabilities) { probabilities[name] = p } }
        record(sheddable: true) { [self] in
            try database.insert(
                StoredWindow(
                    start: observation.start, end: observation.end, packets: count,
                    features: features, verdict: verdict?.className,
                    confidence: verdict?.confidence, probabilities: probabilities,
                    source: source, sensor: host))
        }
        status.update { s in
            if let verdict { s.windowsByVerdict[verdict.className, default: 0] += 1 }
            s.analysisLag = max(0, clock.now() - observation.end)
            s.remember(
                .init(
                    source: source, start: observation.start, end: observation.end, count: count,
                    verdict: verdict?.className, confidence: verdict?.confidence))
        }
        noteVerdict(observation, classified: verdict != nil, count: count)
        guard verdict != nil else {
            plan(observation, load: load)
            return
        }
        let events = tracker.observe(window: observation)
        // Blocks and rate limits act on confirmed attacks only: until an incident of this class
        // on this target is open (its open_after windows), the planner sees the window's
        // attack load but no sources to act on, so one odd window never blocks anybody. Nor does
        // a verdict the site's baseline could not yet second-guess (its warm-up after a first
        // start): a busy site's ordinary clients are not blocked while it learns what is usual.
        var confirmed = observation
        let isOpen = tracker.openIncidents.contains { $0.className == observation.className && $0.target == observation.target }
        if observation.className != ClassLabel.normal, !isOpen || siteLearning { confirmed.topOffenders = [] }
        plan(confirmed, load: load)
        for event in events { announce(event, at: observation.end) }
        publishIncidents()
    }

    /// Feeds one window to the planner and carries its decisions out. The planner source's
    /// load is the fleet's: summed over the sensors sharing the store (``fleetLoad(own:source:start:)``).
    private func plan(_ observation: WindowObservation, load measured: Double) {
        guard var stage = planner else { return }
        let load = observation.target == stage.source ? fleetLoad(own: measured, source: stage.source, start: observation.start) : measured
        if let leadership {
            let role = leadership.check(now: clock.now())
            status.update { s in s.plannerLeader = role.leads }
            // Another sentinel plans: this one keeps detecting, storing and alerting, and
            // follows the load so that it can take over.
            guard role.leads else {
                stage.follow(observation, load: load)
                planner = stage
                return
            }
            if role.changed { resumePlannerState(&stage, now: clock.now()) }
        }
        let actions = stage.decide(observation, load: load)
        if observation.target == stage.source {
            let gauges = stage.gauges()
            status.update { s in
                s.plannerReplicas = gauges.replicas
                s.plannerLegitimateLoad = gauges.legitimateLoad
                s.plannerForecast = gauges.forecast
            }
        }
        planner = stage
        for action in actions { carryOut(action, observation: observation) }
    }

    /// Records an incident's opening or resolution and queues its alert. In a fleet the
    /// incident is the fleet's: a sentinel that sees an attack another one already reported
    /// joins that incident (its alert has the same event id, so the outbox sends it once), and
    /// only the last sentinel to go quiet resolves it and announces the resolution.
    func announce(_ event: IncidentEvent, at time: Double) {
        let incident = event.incident
        var fleet = incident
        switch event {
        case .opened:
            summary.incidentsOpened += 1
            record { [self] in
                let stored = try database.joinIncident(
                    StoredIncident(
                        id: incident.id, className: incident.className, target: incident.target, opened: incident.start,
                        windows: incident.windows, peakConfidence: incident.peakConfidence, topOffenders: incident.offenders,
                        sensor: host))
                fleet.id = stored.id
            }
            if fleet.id != incident.id { fleetIDs[incident.id] = fleet.id }
        case .resolved:
            summary.incidentsResolved += 1
            fleet.id = fleetIDs.removeValue(forKey: incident.id) ?? incident.id
            var othersStillSee = false
            record { [self] in
                let evidence = IncidentEvidence(
                    incidentID: fleet.id, sensor: host, firstSeen: incident.start, windows: incident.windows,
                    peakConfidence: incident.peakConfidence, topOffenders: incident.offenders, resolved: incident.end ?? time)
                if let resolved = try database.leaveIncident(evidence) {
                    fleet.windows = resolved.windows
                    fleet.peakConfidence = resolved.peakConfidence
                    fleet.offenders = resolved.topOffenders
                } else {
                    othersStillSee = try database.incidentEvidence(id: fleet.id).contains { $0.resolved == nil && $0.sensor != host }
                }
            }
            if othersStillSee {
                logger.info(
                    "incident quiet here, still seen by other sensors",
                    metadata: ["incident": "\(fleet.id)", "class": "\(incident.className)", "target": "\(incident.target)"])
                return
            }
        }
        noteIncident(event, fleet: fleet)
        guard let deliverer else { return }
        let fleetEvent: IncidentEvent
        if case .opened = event { fleetEvent = .opened(fleet) } else { fleetEvent = .resolved(fleet) }
        let alert = AlertEvent(fleetEvent, host: host, model: self.modelName(for: incident.className))
        queue(alert, on: deliverer, what: "incident \(fleet.id)")
    }

    /// Queues `alert` in the outbox through the store's write path: while the database is
    /// unreachable the write waits in the store buffer and is retried; any other failure is a
    /// warning naming `what` the alert was for.
    func queue(_ alert: AlertEvent, on deliverer: DeliveryPump, what: String) {
        record { [self] in
            do {
                try deliverer.enqueue(alert, now: clock.now())
            } catch  where StoreWriteBuffer.isTransient(error) {
                throw error
            } catch {
                summary.warnings.append("cannot queue the alert for \(what): \(error)")
            }
        }
    }

    /// What raised incidents of `className`: the log model for its classes, the online
    /// anomaly scorer for `degradation`, else the packet model.
    func modelName(for className: String) -> String {
        if className == AnomalyWatch.className { return "online anomaly scorer" }
        if let logModelName, let classes = logDetector?.classNames, classes.contains(className),
            detector?.classNames.contains(className) != true
        {
            return logModelName
        }
        return modelName
    }

    /// Starts a delivery pass in the background (unless one runs) and counts finished ones.
    private func deliver(now: Double) {
        deliverer?.start(now: now)
        collectDeliveries()
    }

    func collectDeliveries() {
        guard let deliverer else { return }
        let reports = deliverer.takeReports()
        for report in reports {
            for outcome in report.outcomes { noteDelivery(outcome) }
            for case .outbox(let reason) in report.errors { noteStoreProblem("alert outbox: \(reason)") }
        }
        let delivered = reports.map(\.delivered).reduce(0, +), failed = reports.map(\.failed).reduce(0, +)
        summary.alertsDelivered += delivered
        summary.alertFailures += failed
        let depth = (try? database.outboxDepth()) ?? 0
        status.update { s in
            s.alertsDelivered += UInt64(delivered)
            s.alertFailures += UInt64(failed)
            s.outboxDepth = depth
        }
    }

    /// Retention: windows after `retention_hours`, load points after `load_retention_days`,
    /// shared blocks an hour after they expired.
    func purge(now: Double) {
        record(sheddable: true) { [self] in _ = try database.purgeWindows(olderThan: now - configuration.sentinel.retentionHours * 3600) }
        record(sheddable: true) { [self] in _ = try database.purgeLoad(olderThan: now - configuration.sentinel.loadRetentionDays * 86_400) }
        record { [self] in _ = try database.purgeSharedActions(expiredBefore: now - 3600) }
    }

    /// Runs a store write; when the database cannot take it for now (out of reach, disk
    /// full), keeps it (and every write after it, to keep their order) in ``storeBuffer``
    /// until it answers again, and says so at once. Other failures are warnings.
    /// - Parameter sheddable: a write that only fills history (a window, a load point), dropped
    ///   first if the buffer fills.
    func record(sheddable: Bool = false, _ body: @escaping () throws -> Void) {
        if !storeBuffer.isEmpty {
            buffer(body, sheddable: sheddable)
            return
        }
        do {
            try body()
        } catch  where StoreWriteBuffer.isTransient(error) {
            buffer(body, sheddable: sheddable)
            logger.error(
                "store unreachable: buffering its writes until it answers",
                metadata: [
                    "error": "\(error)",
                    "buffer": "up to \(storeBuffer.capacity) writes in memory, tried again every 5 s (sentinel_store_buffered_writes)",
                ])
            if summary.warnings.count < 100 { summary.warnings.append("\(error); store writes wait in memory") }
        } catch {
            noteStoreProblem("\(error)")
            if summary.warnings.count < 100 { summary.warnings.append("\(error)") }
        }
    }

    private func buffer(_ body: @escaping () throws -> Void, sheddable: Bool) {
        let before = storeBuffer.dropped
        storeBuffer.append(body, sheddable: sheddable)
        let dropped = storeBuffer.dropped
        // Told at the first loss, then at every thousandth: enough to see it grow, not a flood.
        if dropped > before, dropped == 1 || dropped % 1000 == 0 {
            warn(
                "the store's write buffer is full: \(dropped) writes dropped so far (\(storeBuffer.droppedEssential) of them "
                    + "incidents, alerts or log positions; sentinel_store_writes_dropped_total)")
        }
    }

    /// Tells `message` now and keeps it for the summary.
    func warn(_ message: String) {
        logger.warning("\(message)")
        if summary.warnings.count < 100 { summary.warnings.append(message) }
    }

    /// Writes what the buffer holds, if the database answers again; tried at most every 5 s
    /// while it does not, so an unreachable server costs one connection attempt per try.
    func flushStoreBuffer(force: Bool = false) {
        let now = clock.now()
        if !storeBuffer.isEmpty, force || now >= nextStoreRetry {
            let waiting = storeBuffer.count
            for error in storeBuffer.flush() where summary.warnings.count < 100 { summary.warnings.append("\(error)") }
            if !storeBuffer.isEmpty {
                nextStoreRetry = now + 5
            } else {
                logger.notice("store reachable again: buffered writes written", metadata: ["writes": "\(waiting)"])
            }
        }
        let buffered = storeBuffer.count, dropped = storeBuffer.dropped
        status.update { s in
            s.storeBuffered = buffered
            s.storeWritesDropped = UInt64(dropped)
        }
    }

    /// A few features worth showing in an alert: those the explanation names, else `fallback`.
    static func keyFeatures(_ features: [String: Double], reasons: [String], fallback: [String]) -> [String: Double] {
        var keys: [String: Double] = [:]
        for (name, value) in features where reasons.contains(where: { $0.hasPrefix(name + " ") }) { keys[name] = value }
        if keys.isEmpty { for name in fallback { keys[name] = features[name] } }
        return keys
    }

}
