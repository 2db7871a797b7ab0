import ArgumentParser
import Foundation
import Logging
import SentinelAlerts
import SentinelCapture
import SentinelDetection
import SentinelLearning
import SentinelRuntime
import SentinelStore

/// `sentinel run --config rules/sentinel.yaml`: the long-running sentinel.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the sentinel: capture and tail logs, classify every window, record incidents, send alerts.",
        discussion: """
            Reads the configuration (see rules/sentinel.yaml): --config, else $SENTINEL_CONFIG, \
            else /etc/sentinel/sentinel.yaml, else ./rules/sentinel.yaml. Relative paths in it \
            resolve against its folder; $SENTINEL_MODEL and $SENTINEL_LOG_MODEL beat the file. \
            Every path it will use is printed once at start. A configuration error stops it at \
            start-up with file:line and the reason. Capture runs on its own thread per interface, \
            decoupled from analysis by a bounded queue (overflow is counted, never waited on); \
            windows close on wall-clock time. Every window is classified and stored; incidents \
            open and resolve per the incidents: section and go to every webhook through the \
            durable outbox in the store. http.listen (default 127.0.0.1:9466) serves /metrics \
            (Prometheus), /healthz and /api/status. When started as root with privileges.user set, it opens \
            its capture handles and then becomes that user. It logs to standard error one line per \
            event (start, incidents, planner actions, failed deliveries, store problems, reloads, \
            the stop): --log-level and --log-format, else the log: section. SIGHUP reloads the \
            configuration, checked first (a bad file keeps the running one and logs why), keeping \
            open incidents, log positions, the outbox and the planner's load history; it also reads \
            secret files again and reopens the events: file. With --log-format json a start-up \
            failure is one JSON line too. \
            SIGINT/SIGTERM: stop capture, finish the open windows, flush the outbox, exit 0.
            """
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The configuration file (default: $SENTINEL_CONFIG, /etc/sentinel/sentinel.yaml, ./rules/sentinel.yaml).",
            valueName: "file"))
    var config: String?

    @Option(name: .long, help: "Stop after this many seconds (default: until SIGINT/SIGTERM).")
    var duration: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The least severe log level written: \(SentinelConfiguration.logLevelNames.joined(separator: ", ")) (default: log.level, info).",
            valueName: "level"))
    var logLevel: String?

    @Option(name: .long, help: ArgumentHelp("text or json (default: log.format, text).", valueName: "format"))
    var logFormat: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel.lowercased()) == nil {
            throw ValidationError(
                "--log-level must be one of \(SentinelConfiguration.logLevelNames.joined(separator: ", ")), not '\(logLevel)'")
        }
        if let logFormat, OperatorLogFormat(rawValue: logFormat.lowercased()) == nil {
            throw ValidationError("--log-format must be text or json, not '\(logFormat)'")
        }
    }

    /// The log settings: the command line beats the file.
    func logOutput(_ file: SentinelConfiguration.LogOutput) -> SentinelConfiguration.LogOutput {
        var output = file
        if let level = logLevel.flatMap({ Logger.Level(rawValue: $0.lowercased()) }) { output.level = level }
        if let format = logFormat.flatMap({ OperatorLogFormat(rawValue: $0.lowercased()) }) { output.format = format }
        return output
    }

    func run() throws {
        Console.reserveStandardDescriptors()
        // From the first instant: a SIGHUP while the models load (`systemctl reload` just after
        // `start`) is a reload once running, never the default's end of the process.
        ReloadSignal.install()
        // Start-up failures are written in the log's format: with JSON (the command line's, or
        // once the file is read, its log: section's) as one operator-log line.
        var format = logFormat.flatMap { OperatorLogFormat(rawValue: $0.lowercased()) }
        do {
            try start(format: &format)
        } catch let failure where format == .json && !(failure is ExitCode) {
            var line = CommandFailure(failure)
            line.logLine = true
            throw line
        }
    }

    /// Starts the sentinel and runs it until it is stopped; `format` becomes the log format as
    /// soon as the configuration is read.
    private func start(format: inout OperatorLogFormat?) throws {
        let settings: SentinelConfiguration
        let file: ConfigurationLocator.Choice = try CommandFailure.wrapping { try ConfigurationLocator.locate(explicit: config) }
        do {
            settings = try SentinelConfiguration.load(path: file.path)
        } catch {
            // A refused file may still say its log format.
            format = format ?? SentinelConfiguration.declaredLogFormat(path: file.path)
            throw CommandFailure(error)
        }
        let output = logOutput(settings.log)
        format = output.format
        OperatorLog.bootstrap(level: output.level, format: output.format)
        let logger = Logger(label: "sentinel")
        let detector: WindowDetector
        let model = ModelChoice.packet(settings)
        guard let modelPath = model.path else {
            throw CommandFailure("\(file.path): no model: set sentinel.model or $SENTINEL_MODEL (\(model.origin))")
        }
        let access: EndpointAccess = try CommandFailure.wrapping {
            try EndpointAccess.resolve(settings.http, environment: ProcessInfo.processInfo.environment)
        }
        let database: any StoreBackend
        var webhooks: [WebhookTarget] = []
        var logDetector: LogWindowDetector?
        var logModelPath: String?
        var siteDetector: WindowDetector?
        do {
            detector = try WindowDetector(model: try Self.loadModel(model, file: file.path))
            if !settings.logs.isEmpty {
                let choice = ModelChoice.log(settings)
                if let path = choice.path {
                    logDetector = try LogWindowDetector(model: try Self.loadModel(choice, file: file.path))
                    logModelPath = path
                } else {
                    logger.warning("no log model (set sentinel.log_model): log windows are stored but not classified")
                }
            }
            let site = ModelChoice.site(settings)
            if site.path != nil {
                siteDetector = try WindowDetector(model: try Self.loadModel(site, file: file.path))
            }
            database = try StoreLocation(settings.sentinel.store).open(passwordFile: settings.sentinel.storePasswordFile)
            webhooks = try Self.webhookTargets(settings)
        } catch {
            throw CommandFailure(error)
        }
        Self.announce(settings, file: file, model: model, logger: logger)
        let host = settings.sentinel.host ?? ProcessInfo.processInfo.hostName
        let runtime: SentinelRuntime
        do {
            runtime = try SentinelRuntime(
                configuration: settings, detector: detector, logDetector: logDetector, siteDetector: siteDetector, database: database,
                webhooks: webhooks, host: host, modelName: modelPath, logModelName: logModelPath, logger: logger)
            if let user = settings.privileges.user { try SentinelRuntime.dropPrivileges(to: user) }
        } catch {
            throw CommandFailure(error)
        }
        let server = StatusServer(listen: settings.http.listen, status: runtime.status, access: access)
        do {
            try server.start()
        } catch {
            logger.critical("cannot start", metadata: ["error": "\(error)"])
            throw ExitCode(2)
        }
        defer { server.stop() }
        StopSignal.install()
        let sources = settings.capture.interfaces + settings.logs.map(\.path)
        logger.notice(
            "started",
            metadata: [
                "config": "\(file.path)", "sources": "\(sources.isEmpty ? "none" : sources.joined(separator: ","))",
                "model": "\(modelPath)", "log_model": "\(logModelPath ?? "none")", "store": "\(settings.sentinel.store)",
                "webhooks": "\(webhooks.count)", "listen": "http://\(settings.http.listen)/metrics",
                "planner": "\(settings.planner.map { $0.policy.mode.rawValue } ?? "off")",
                "events": "\(settings.events?.path ?? "none")", "pid": "\(getpid())",
            ])
        let reloader = Reloader(command: self, path: file.path, logger: logger, server: server, listen: settings.http.listen)
        let summary = runtime.run(
            duration: duration, shouldStop: { StopSignal.requested },
            eachPass: { runtime in if ReloadSignal.take() { reloader.reload(runtime) } })
        Console.output(Self.report(summary))
    }

    /// The model `choice` names.
    /// - Throws: a ``CommandFailure`` that says where the path came from (a variable, a key of
    ///   the configuration `file`, the shipped model), so the operator knows what to change.
    static func loadModel(_ choice: ModelChoice, file: String) throws -> DetectionModel {
        do {
            return try DetectionModel.load(path: choice.path ?? "")
        } catch {
            let origin = choice.origin.hasPrefix("$") || choice.origin == "shipped model" ? choice.origin : "\(choice.origin) in \(file)"
            throw CommandFailure("\(error) (the path is from \(origin); relative paths in the file resolve against its folder)")
        }
    }

    /// The webhooks of `settings`, their secrets and URLs read from the environment or files.
    /// - Throws: a message naming the webhook and the variable or file (never the secret).
    static func webhookTargets(_ settings: SentinelConfiguration) throws -> [WebhookTarget] {
        try settings.webhooks.map { hook in
            let secret =
                try hook.secretEnv.map { try WebhookSecret.load(environmentVariable: $0) }
                ?? WebhookSecret.load(file: hook.secretFile ?? "")
            return try WebhookTarget(
                name: hook.name, url: try hook.resolvedURL(),
                format: PayloadFormat(rawValue: hook.format) ?? .sentinel,
                secret: secret, timeout: hook.timeout, urlIsSecret: hook.urlEnv != nil)
        }
    }

    /// Logs every path the sentinel will use, once (one line each), and a warning for each log
    /// that is not there (it is followed when it appears; `rules check` refuses it unless optional).
    static func announce(_ settings: SentinelConfiguration, file: ConfigurationLocator.Choice, model: ModelChoice, logger: Logger) {
        let report = PathReport(
            configuration: settings, file: file, model: model, logModel: ModelChoice.log(settings),
            siteModel: settings.baseline.enabled ? ModelChoice.site(settings) : nil)
        for entry in report.entries {
            var metadata: Logger.Metadata = ["role": "\(entry.role)", "path": "\(entry.path)"]
            if !entry.note.isEmpty { metadata["from"] = "\(entry.note)" }
            logger.info("path", metadata: metadata)
        }
        logUpstreams(settings, logger: logger)
        for finding in ConfigurationCheck(configuration: settings).logs() where finding.severity != .note {
            let path = finding.subject.hasPrefix("log ") ? String(finding.subject.dropFirst(4)) : finding.subject
            logger.warning("log missing: waiting for it", metadata: ["log": "\(path)", "reason": "\(finding.message)"])
        }
    }

    /// Logs the servers read from the gateway's own configuration (never blocked), one line per
    /// file, and what could not be read; at start and after each reload.
    static func logUpstreams(_ settings: SentinelConfiguration, logger: Logger) {
        let upstreams = settings.gateway.configuredUpstreams()
        for entry in upstreams.read {
            logger.info(
                "gateway upstreams never blocked",
                metadata: ["from": "\(entry.path)", "hosts": "\(entry.hosts.isEmpty ? "none" : entry.hosts.joined(separator: ","))"])
        }
        for problem in upstreams.problems { logger.warning("gateway upstreams", metadata: ["problem": "\(problem)"]) }
    }

    static func report(_ s: RuntimeSummary) -> String {
        var out = "sentinel stopped.\n"
        for (source, count) in s.windows.sorted(by: { $0.key < $1.key }) { out += "  windows \(source): \(count)\n" }
        if !s.verdicts.isEmpty {
            out +=
                "  verdicts: " + s.verdicts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: " · ") + "\n"
        }
        out += "  incidents opened \(s.incidentsOpened), resolved \(s.incidentsResolved); planner actions \(s.actions)\n"
        out += "  alerts delivered \(s.alertsDelivered), failed attempts \(s.alertFailures), still queued \(s.outboxDepth)\n"
        for (name, c) in s.capture.sorted(by: { $0.key < $1.key }) {
            out +=
                "  capture \(name): received \(c.received), dropped by kernel \(c.droppedByKernel), by interface \(c.droppedByInterface)\n"
        }
        out += "  analysis queue drops: \(s.queueDrops)\n"
        if s.logLines > 0 { out += "  log lines \(s.logLines), skipped \(s.logLinesSkipped)\n" }
        if s.baselinesRestored > 0 { out += "  site baselines resumed from the store: \(s.baselinesRestored)\n" }
        for warning in s.warnings.prefix(10) { out += "  warning: \(warning)\n" }
        return out
    }
}
