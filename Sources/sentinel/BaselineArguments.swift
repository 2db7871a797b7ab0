import ArgumentParser
import SentinelDetection
import SentinelFeatures

/// The site's own baseline as a second opinion on verdicts (`analyze`, `evaluate`).
struct BaselineArguments: ParsableArguments {
    func validate() throws {
        guard baseline == nil || !learnBaseline else { throw ValidationError("give --baseline or --learn-baseline, not both") }
        guard baselineWarmup >= 0 else { throw ValidationError("--baseline-warmup must be 0 or more") }
    }

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

    /// Whether a gate was asked for.
    var isRequested: Bool { baseline != nil || learnBaseline }
}
