import ArgumentParser
import SentinelEngine
import SentinelLearning

/// The model `analyze` and `watch` classify windows with.
struct ModelArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Model file to classify windows with (default: $SENTINEL_MODEL, else the shipped models/default.json).",
        valueName: "model.json"))
    var model: String?

    @Flag(name: .long, help: "Do not classify windows.")
    var noModel = false

    /// The detector, or nil when classification is off or no default model is installed.
    /// Exits 2 with the reason when a named model cannot be used.
    func detector() throws -> (detector: WindowDetector, source: String)? {
        if noModel { return nil }
        guard let path = model ?? ModelLocator.defaultModelPath() else {
            Console.error("note: no model found (looked for \(ModelLocator.candidates().prefix(2).joined(separator: ", ")), …); windows are not classified. Give --model FILE.")
            return nil
        }
        do {
            return (try WindowDetector(model: try DetectionModel.load(path: path)), path)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}
