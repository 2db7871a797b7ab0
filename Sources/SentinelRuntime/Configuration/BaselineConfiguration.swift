extension SentinelConfiguration {
    /// `baseline:`: the site's own normal, the second opinion an attack verdict needs
    /// (`SiteGate`). Each interface's packet windows are compared with it; a window the
    /// model calls an attack but the site always looks like is `normal`, and an unusual window
    /// no class fits is `unknown_anomaly` (alerted, never enforced).
    package struct Baseline: Sendable, Equatable {
        /// Whether the gate runs (default true).
        package var enabled = true
        /// A baseline learnt by `sentinel baseline` to start from (default: none, learnt live).
        package var file: String?
        /// Windows learnt live before the gate judges (default 300); a file starts warm.
        package var warmup = 300
        /// The robust z-score at which a metric makes a window unusual (default 4).
        package var unusualZ = 4.0
        /// Seconds an unusual stretch no model names is held out before it is adopted as the
        /// site's normal (default 60; a named attack is held 10 minutes).
        package var adoptSeconds = 60.0
        /// The site model that names an unusual window's class (`model:`; default
        /// `$SENTINEL_SITE_MODEL`, else the shipped `models/site.json` when found).
        package var model: String?
        /// `model: none`: unusual windows are named by the packet model alone.
        package var noModel = false
        /// The probability from which the site model's class is taken (`model_confidence:`;
        /// default: the site gate's, 0.65).
        package var modelConfidence: Double?
        /// The probability from which the site model's class is taken when the window before
        /// was judged that class (`model_confidence_continuing:`; default: the site gate's,
        /// 0.4, or `model_confidence` when only that is set).
        package var modelConfidenceContinuing: Double?
        /// The probability from which an unusual window the site model calls normal is `normal`
        /// rather than `unknown_anomaly` (`model_confidence_normal:`; default: the site gate's, 0.6).
        package var modelConfidenceNormal: Double?

        /// The defaults.
        package init() {}
    }
}
