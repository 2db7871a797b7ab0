import ArgumentParser
import SentinelDetection
import SentinelFeatures
import SentinelLearning

/// The models `analyze` and `watch` classify windows with.
struct ModelArguments: ParsableArguments {
    func validate() throws {
        guard baseline == nil || !learnBaseline else { throw ValidationError("give --baseline or --learn-baseline, not both") }
        guard baselineWarmup >= 0 else { throw ValidationError("--baseline-warmup must be 0 or more") }
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Model file to classify packet windows with (default: $SENTINEL_MODEL, else the shipped models/default.json).",
            valueName: "model.json"))
    var model: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Model file to classify access-log windows with (default: $SENTINEL_LOG_MODEL, else the shipped models/logs.json).",
            valueName: "model.json"))
    var logModel: String?

    @Flag(name: .long, help: "Do not classify windows.")
    var noModel = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The site's baseline (from `sentinel baseline`, of captures or of an access log): a verdict on the windows of that kind then also needs the window to be unusual for this site; an unusual window no class fits is unknown_anomaly.",
            valueName: "site.json"))
    var baseline: String?

    @Flag(
        name: .long,
        help:
            "Learn the site's baseline from the analysed traffic itself (online, as `sentinel run` does); the gate acts after its warm-up (--baseline-warmup windows)."
    )
    var learnBaseline = false

    @Option(name: .long, help: "Windows a baseline learnt with --learn-baseline needs before it judges.")
    var baselineWarmup = 300

    /// The site gate for `kind` windows (`packets`, `logs`): from --baseline when the file
    /// holds that kind, learnt online with --learn-baseline, else nil.
    /// - Throws: ``CommandFailure`` naming a baseline file that cannot be used.
    func siteGate<Window: SiteMetricWindow>(kind: String) throws -> SiteGate<Window>? {
        if let baseline {
            do {
                let file = try SiteBaselineFile.load(path: baseline)
                return file.kind == kind ? SiteGate(baseline: file.baseline) : nil
            } catch {
                throw CommandFailure(error.description)
            }
        }
        guard learnBaseline else { return nil }
        var configuration = SiteBaseline.Configuration()
        configuration.warmupWindows = baselineWarmup
        return SiteGate(baseline: SiteBaseline(configuration: configuration))
    }

    /// The detector, or nil when classification is off or no default model is installed.
    /// Exits 2 with the reason when a named model cannot be used.
    func detector() throws -> (detector: WindowDetector, source: String)? {
        try load(
            model, locate: ModelLocator.defaultModelPath, file: ModelLocator.packetModelFile,
            variable: ModelLocator.environmentVariable, option: "--model", make: WindowDetector.init)
    }

    /// The log-window detector, or nil when classification is off or no log model is found.
    func logDetector() throws -> (detector: LogWindowDetector, source: String)? {
        try load(
            logModel, locate: ModelLocator.defaultLogModelPath, file: ModelLocator.logModelFile,
            variable: ModelLocator.logEnvironmentVariable, option: "--log-model", make: LogWindowDetector.init)
    }

    private func load<Detector>(
        _ named: String?, locate: () -> String?, file: String, variable: String, option: String,
        make: (DetectionModel) throws(ModelError) -> Detector
    ) throws -> (detector: Detector, source: String)? {
        if noModel { return nil }
        guard let path = named ?? locate() else {
            let places = ModelLocator.candidates(file: file, variable: variable).prefix(2).joined(separator: ", ")
            Console.error("note: no model found (looked for \(places), …); windows are not classified. Give \(option) FILE.")
            return nil
        }
        do {
            return (try make(try DetectionModel.load(path: path)), path)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }
}
