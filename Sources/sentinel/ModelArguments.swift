import ArgumentParser
import SentinelDetection
import SentinelFeatures
import SentinelLearning

/// The models `analyze` and `watch` classify windows with.
struct ModelArguments: ParsableArguments {
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

    @OptionGroup var site: BaselineArguments

    /// The site gate for `kind` windows (see ``BaselineArguments/siteGate(kind:)``).
    func siteGate<Window: SiteMetricWindow>(kind: String) throws -> SiteGate<Window>? { try site.siteGate(kind: kind) }

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
