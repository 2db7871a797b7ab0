import ArgumentParser
import SentinelDetection
import SentinelFeatures
import SentinelLearning

/// The site's own baseline as a second opinion on verdicts (`analyze`, `evaluate`).
struct BaselineArguments: ParsableArguments {
    func validate() throws {
        guard baseline == nil || !learnBaseline else { throw ValidationError("give --baseline or --learn-baseline, not both") }
        guard baselineWarmup >= 0 else { throw ValidationError("--baseline-warmup must be 0 or more") }
        guard siteModel == nil || !noSiteModel else { throw ValidationError("give --site-model or --no-site-model, not both") }
        if let unusualZ, !(unusualZ.isFinite && unusualZ > 0) { throw ValidationError("--unusual-z must be a number above 0") }
        let probabilities = [
            ("--site-model-confidence", siteModelConfidence), ("--site-model-continuing-confidence", siteModelContinuingConfidence),
            ("--site-model-normal-confidence", siteModelNormalConfidence),
        ]
        for (option, value) in probabilities {
            if let value, !(0...1).contains(value) { throw ValidationError("\(option) must be a probability from 0 to 1") }
        }
        if let adoptAfter, !(adoptAfter.isFinite && adoptAfter > 0) {
            throw ValidationError("--adopt-after must be a number of seconds above 0")
        }
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The robust z-score at which a metric makes a window unusual for the site (default: the --baseline file's, else 4).",
            valueName: "z"))
    var unusualZ: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds an unusual stretch that no model names an attack stays out of the site's baseline before it is adopted as the new normal (default: the --baseline file's, else 60).",
            valueName: "seconds"))
    var adoptAfter: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The site model that names what an unusual packet window is, from its scores against the site's baseline (default: $SENTINEL_SITE_MODEL, else the shipped models/site.json).",
            valueName: "site-model.json"))
    var siteModel: String?

    @Flag(name: .long, help: "Name an unusual window's class with the packet model alone (no site model).")
    var noSiteModel = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The probability from which the site model's attack class is taken; below it an unusual window is judged as if the site model had said normal (default \(SiteGate<WindowRecord>.defaultMinimumSiteConfidence)).",
            valueName: "p"))
    var siteModelConfidence: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The probability from which the site model's attack class is taken when the window before was judged that class: the last, partial windows of an attack under way (default \(SiteGate<WindowRecord>.defaultContinuingSiteConfidence), or --site-model-confidence when that is given).",
            valueName: "p"))
    var siteModelContinuingConfidence: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The probability from which a window unusual for the site that the site model calls normal is normal (more of the site's own kind of traffic: a crowd arriving) rather than unknown_anomaly (default \(SiteGate<WindowRecord>.defaultNormalShapeConfidence)).",
            valueName: "p"))
    var siteModelNormalConfidence: Double?

    /// The site gate for `kind` windows (`packets`, `logs`): from --baseline when the file
    /// holds that kind, learnt online with --learn-baseline, else nil.
    /// - Throws: ``CommandFailure`` naming a baseline file that cannot be used.
    func siteGate<Window: SiteMetricWindow>(kind: String) throws -> SiteGate<Window>? {
        if let baseline {
            let file: SiteBaselineFile
            do {
                file = try SiteBaselineFile.load(path: baseline)
            } catch {
                throw CommandFailure(error.description)
            }
            guard file.kind == kind else { return nil }
            var site = file.baseline
            site.configuration.unusualZ = unusualZ ?? site.configuration.unusualZ
            site.configuration.adoptSeconds = adoptAfter ?? site.configuration.adoptSeconds
            return SiteGate(
                baseline: site, classifier: try siteClassifier(kind: kind), minimumSiteConfidence: siteModelConfidence,
                continuingSiteConfidence: siteModelContinuingConfidence, normalShapeConfidence: siteModelNormalConfidence)
        }
        guard learnBaseline else { return nil }
        var configuration = SiteBaseline.Configuration()
        configuration.warmupWindows = baselineWarmup
        configuration.unusualZ = unusualZ ?? configuration.unusualZ
        configuration.adoptSeconds = adoptAfter ?? configuration.adoptSeconds
        return SiteGate(
            baseline: SiteBaseline(configuration: configuration), classifier: try siteClassifier(kind: kind),
            minimumSiteConfidence: siteModelConfidence,
            continuingSiteConfidence: siteModelContinuingConfidence, normalShapeConfidence: siteModelNormalConfidence)
    }

    /// The site model for packet windows: --site-model, else the shipped one when found;
    /// nil for logs, with --no-site-model, or when none is installed.
    /// - Throws: ``CommandFailure`` naming a site model that cannot be used.
    func siteClassifier<Window: SiteMetricWindow>(kind: String) throws -> Detector<Window>? {
        guard kind == "packets", !noSiteModel, let path = siteModel ?? ModelLocator.defaultSiteModelPath() else { return nil }
        do {
            return try Detector<Window>(model: try DetectionModel.load(path: path))
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// Whether a gate was asked for.
    var isRequested: Bool { baseline != nil || learnBaseline }
}
