import Foundation
import SentinelCore
import SentinelFeatures
import SentinelLearning

/// The first of the two questions an attack verdict needs: is this window unusual *for this
/// site*? The classifier answers the second (what is it?).
///
/// Each window is compared with the site's own baseline (``SentinelFeatures/SiteBaseline``,
/// learnt offline by `sentinel baseline` or online as windows arrive) and then learnt, unless
/// it was unusual: an unusual stretch is held out of the baseline for up to
/// ``SentinelFeatures/SiteBaseline/Configuration/holdSeconds`` when a class was named, and for
/// ``SentinelFeatures/SiteBaseline/Configuration/adoptSeconds`` (then adopted at once) when it
/// was only `unknown_anomaly`. Once the baseline is warm:
///
/// | classifier | unusual for the site | verdict |
/// | --- | --- | --- |
/// | an attack class | yes | that class (its explanation gains the metric that moved) |
/// | an attack class | no | `normal`: class-shaped, but this site always looks like this |
/// | `normal` | yes | the class the metric that moved names (``SiteMetricWindow/siteClass(forUnusual:)``: a log's latency → `latency_degradation`), else `unknown_anomaly`: reported at a lower severity, never enforced |
/// | `normal` | no | `normal` |
///
/// With a **site model** (``classifier``: a model that also reads the site-relative `site_z_*`
/// features this gate fills in, `models/site.json`) the second question is answered by it
/// first: an unusual window is the site model's attack class when it names one, else as
/// above. The site model is asked from a lower bar, ``siteModelZ`` (z 2.5 where the gate's
/// threshold is 4): a window between the two is an attack when the site model names one (it
/// reads the site scores, so it knows a busy hour from a flood), and `normal` otherwise,
/// whatever the packet model says. Lower still, from ``sustainedZ`` (z 2), the site model is
/// asked only when the window before also reached that bar: a rise that lasts, not one
/// client's burst. Below the bars, from ``certainZ`` (z 1), a window is the site model's
/// attack class only when the site model is near-certain of it (``certainSiteConfidence``) in
/// this window and the one before. A window below the bars is `normal`. The site model's
/// class is taken from ``minimumSiteConfidence``, or from the lower
/// ``continuingSiteConfidence`` when the window before was judged that class (the last,
/// partial windows of an attack under way). An unusual
/// window the site model finds shaped like normal traffic from ``normalShapeConfidence`` is
/// `normal` (more of the site's own kind of traffic: a crowd arriving, a call starting on a
/// quiet host), its explanation saying what moved; it is held out of the baseline and adopted
/// like an `unknown_anomaly` stretch. Not when a metric ordinary traffic never raises moved
/// (``SiteMetricWindow/unservedMetrics``: SYNs no handshake completed): that is `unknown_anomaly`.
///
/// A class is named only from a metric it raises
/// (``SiteMetricWindow/isEvidence(_:of:)``: an HTTP flood sends no ICMP, a slowloris makes
/// no burst; ``SiteMetricWindow/risingMetrics(of:)``: an HTTP flood asks for more), and is
/// otherwise struck out of the site model's belief, the rest of which is read; a window
/// unusual only by a rise too small to report alone (``SiteMetricWindow/isNegligibleAlone(_:)``:
/// a handful of ICMP messages) that nothing names is `normal`, held out and adopted like an
/// `unknown_anomaly` stretch.
///
/// Before the warm-up the classifier's verdict stands unchanged (and the window is learnt). A
/// baseline that is warm when the capture starts (a `sentinel baseline` file, the store's after
/// a restart) is not compared with the first ``SiteMetricWindow/settleSeconds`` of the capture
/// (a packet window's 4 s: connections open before it are first seen mid-stream): those
/// windows are `normal` and not learnt.
package struct SiteGate<Window: SiteMetricWindow>: Sendable {
    /// The site's normal so far.
    package private(set) var baseline: SiteBaseline
    /// The site model that names the class of an unusual window, if any.
    package let classifier: Detector<Window>?
    /// Windows whose attack verdict was turned to `normal` (usual for the site).
    package private(set) var demoted = 0
    /// Windows whose `normal` verdict was turned to `unknown_anomaly`.
    package private(set) var raised = 0
    /// Unusual windows kept `normal` because the site model found them shaped like normal traffic.
    package private(set) var familiar = 0

    /// How far below the gate's threshold (``SentinelFeatures/SiteBaseline/Configuration/unusualZ``)
    /// the site model is still asked: it names a class from `unusualZ − 1.5` (z 2.5 by default).
    /// Measured on the lab's held-out sites (docs/detection.md, windows labelled by the attack
    /// packets they hold), against a margin of 1: recall of strong SYN floods 0.95 → 0.98 and
    /// HTTP floods 0.53 → 0.65, benign windows flagged 0.48 % → 0.59 % (lab) and 0.03 % → 0.10 %
    /// (real captures), with no false incident either way. A margin of 2 raised HTTP recall to
    /// 0.75 but flagged 1.43 % of the lab's benign windows, spread over eight sites.
    package static var siteModelMargin: Double { 1.5 }

    /// The z-score from which the site model names a window's class.
    package var siteModelZ: Double { baseline.configuration.unusualZ - Self.siteModelMargin }

    /// How far below the gate's threshold a *sustained* rise is still put to the site model: a
    /// window from `unusualZ − 2` (z 2 by default) up to ``siteModelZ`` is named by it only
    /// when the window before reached `unusualZ − 2` too. Measured on the lab's held-out sites
    /// and the real captures (docs/detection.md, stop 21): strong HTTP-flood recall 0.547 →
    /// 0.602 and macro-F1 0.900 → 0.906, with the same benign windows named an attack (1 of 844
    /// in the lab, 1 of 3,004 real); asking every window from z 2 instead named 6 lab benign
    /// windows (a heavy client's one-second burst), a sustained rise from z 1.5 named 6.
    package static var sustainedMargin: Double { 2 }

    /// How far above the site's normal one of a class's rising metrics
    /// (``SiteMetricWindow/risingMetrics(of:)``) must be for the site model to name it: half a
    /// deviation, a rise at all rather than noise around the level. Measured on the lab's
    /// held-out sites and the real captures (docs/detection.md, stop 28): the heavy-NAT site's 3
    /// benign windows named `http_flood` (its request rates at z 0.2–0.4) and 20 of the grid's
    /// benign windows are no longer named, at the cost of 37 HTTP-flood windows (strong recall
    /// 0.813 → 0.808).
    package static var minimumRiseZ: Double { 0.5 }

    /// The z-score from which a window that follows another at least as high is put to the
    /// site model.
    package var sustainedZ: Double { baseline.configuration.unusualZ - Self.sustainedMargin }

    /// How far below the gate's threshold a window is still named by a site model that is
    /// near-certain of its class (``certainSiteConfidence``) in it and in the window before:
    /// from `unusualZ − 3` (z 1 by default).
    package static var certainMargin: Double { 3 }

    /// The z-score from which a window the site model is near-certain of, two windows running,
    /// is named by it.
    package var certainZ: Double { baseline.configuration.unusualZ - Self.certainMargin }

    /// The probability from which the site model names a window below the other bars, when it
    /// was that sure of the same class in the window before. Measured on the lab's held-out
    /// sites and the real captures (docs/detection.md, stop 25): strong HTTP-flood recall 0.610
    /// → 0.662 and macro-F1 0.913 → 0.920, with no benign window named that was not before
    /// (lab, flash crowds, sequences, real captures) but one between two windows of an HTTP
    /// flood. Estimated from the site model's verdicts: from p 0.95 HTTP would reach about
    /// 0.67, but a flash crowd's windows named `http_flood` would go from 20 to 30, and
    /// without the window before, to 75.
    package static var certainSiteConfidence: Double { 0.98 }

    /// The attack class the site model was near-certain of in the last window judged.
    package private(set) var previousCertain: String?

    /// Whether the last window judged after the warm-up reached ``sustainedZ``.
    package private(set) var previousReachedSustainedZ = false

    /// The start of the first window judged: the capture's start.
    package private(set) var captureStart: Double?
    /// Whether the baseline was warm at the capture's first window (learnt before it began).
    private var warmAtStart = false

    /// The site model names an attack class only at this probability or above; below it the
    /// window is judged as if the site model had said `normal` (an unusual window nothing else
    /// names is `unknown_anomaly`, a nearly unusual one `normal`): "unusual with no class
    /// confident enough". Measured on the lab's held-out sites and the real captures
    /// (docs/detection.md, stop 19): from 0 (the most probable class) to 0.65, real benign
    /// windows named an attack 9 → 0 of 3,004 and the lab's 2 → 1 of 842, macro-F1 0.907 →
    /// 0.902, strong ICMP-flood recall 0.98 → 0.95 (the rest become `unknown_anomaly`, still
    /// alerted); 0.6 keeps 4 real windows, 0.7 costs ICMP recall 0.91.
    package static var defaultMinimumSiteConfidence: Double { 0.65 }

    /// The probability from which the site model's attack class is taken.
    package var minimumSiteConfidence: Double

    /// The probability from which the site model's attack class is taken when the window
    /// before was judged that class: an attack already under way, whose last (partial) windows
    /// the site model is less sure of. Measured on the lab's held-out sites and the real
    /// captures (docs/detection.md, stop 23): strong-attack recall ICMP 0.954 → 0.976, UDP
    /// 0.960 → 0.977, scans 0.974 → 0.985, macro-F1 0.903 → 0.909, with the same benign
    /// windows named an attack (0 of 844 in the lab, 1 of 3,004 real); any probability (the
    /// most probable class) measured the same.
    package static var defaultContinuingSiteConfidence: Double { 0.4 }

    /// The probability from which the site model's attack class is taken when the window
    /// before was judged that class.
    package var continuingSiteConfidence: Double

    /// The attack class of the last window judged (nil after a `normal` or `unknown_anomaly` one).
    package private(set) var previousAttack: String?

    /// The probability from which an unusual window the site model calls `normal` is `normal`
    /// rather than `unknown_anomaly`: its volume is unusual for the site, its shape is that of
    /// ordinary traffic. Measured on the lab's held-out sites and the real captures
    /// (docs/detection.md, stop 24): real benign `unknown_anomaly` 98 → 4 of 3,004 windows (a
    /// WhatsApp call starting on a quiet phone, a DNS-over-HTTPS client's bursts) and the lab's
    /// 1 → 0 of 844, at the cost of 32 of its 37,000 attack windows no longer flagged as
    /// `unknown_anomaly`; attack verdicts unchanged. From p 0.9: 5 real windows left and the
    /// lab's one; from 0.95: 13 and one. With the site model trained on the third recording
    /// (stop 26), which is less sure of the real captures' shapes, p 0.8 left 12 real windows
    /// `unknown_anomaly`, p 0.7 10, p 0.6 3, at the cost of 115 of the lab's 37,500 attack
    /// windows no longer flagged as `unknown_anomaly`; attack verdicts unchanged.
    package static var defaultNormalShapeConfidence: Double { 0.6 }

    /// The probability from which an unusual window the site model calls `normal` is `normal`.
    package var normalShapeConfidence: Double

    /// A gate starting from `baseline` (an empty one learns from the first windows).
    /// - Parameters:
    ///   - classifier: the site model that names an unusual window's class.
    ///   - minimumSiteConfidence: the probability from which its class is taken (nil: the default).
    ///   - continuingSiteConfidence: the probability from which it is taken when the window
    ///     before was judged that class (nil: the default, or `minimumSiteConfidence` when that
    ///     is given: one bar the operator chose is not lowered behind their back).
    ///   - normalShapeConfidence: the probability from which an unusual window it calls `normal`
    ///     is `normal` (nil: the default; above 1: never, every such window is `unknown_anomaly`).
    package init(
        baseline: SiteBaseline, classifier: Detector<Window>? = nil, minimumSiteConfidence: Double? = nil,
        continuingSiteConfidence: Double? = nil, normalShapeConfidence: Double? = nil
    ) {
        self.baseline = baseline
        self.classifier = classifier
        self.minimumSiteConfidence = minimumSiteConfidence ?? Self.defaultMinimumSiteConfidence
        self.continuingSiteConfidence =
            continuingSiteConfidence ?? minimumSiteConfidence ?? Self.defaultContinuingSiteConfidence
        self.normalShapeConfidence = normalShapeConfidence ?? Self.defaultNormalShapeConfidence
    }

    /// Judges the classifier's `verdict` on `window` against the site's normal, then learns
    /// the window (an unusual one is held out of the baseline).
    package mutating func judge(_ window: Window, verdict: WindowVerdict) -> WindowVerdict {
        var copy = window
        return judge(&copy, verdict: verdict)
    }

    /// Judges as ``judge(_:verdict:)`` and keeps the window's scores against the site's
    /// normal in its site-relative features (``SiteMetricWindow/recordSiteScores(_:)``).
    package mutating func judge(_ window: inout Window, verdict: WindowVerdict) -> WindowVerdict {
        guard !window.isEmpty else { return verdict }
        let metrics = window.siteMetrics
        var assessment = baseline.assess(metrics)
        let seconds = window.end - window.start
        window.recordSiteScores(assessment)
        let scored = assessment
        // The described metrics are the site model's to read, not the bars'.
        let described = Window.describedMetrics
        if !described.isEmpty { assessment.metrics.removeAll { described.contains($0.name) } }
        if captureStart == nil {
            captureStart = window.start
            warmAtStart = assessment.isWarm
        }
        if warmAtStart, let began = captureStart, window.start - began < Window.settleSeconds {
            return settling(verdict, since: window.start - began)
        }
        guard assessment.isWarm else {
            baseline.learn(metrics, seconds: seconds, assessment: assessment)
            return verdict
        }
        var verdict = verdict
        var unusual = assessment.isUnusual
        var learnt = assessment
        let nearlyUnusual = assessment.exceeds(siteModelZ)
        let reachesSustainedZ = assessment.exceeds(sustainedZ)
        let sustained = previousReachedSustainedZ && reachesSustainedZ
        previousReachedSustainedZ = reachesSustainedZ
        var shapedNormal: Double?
        var struck: String?
        // The site model is asked about every window once its baseline is warm: whether it
        // was near-certain of a class in the window before counts below the bars.
        let asked = classifier?.classify(window)
        let certainOf = asked.flatMap { $0.isAttack && $0.confidence >= Self.certainSiteConfidence ? $0.className : nil }
        let certainTwice = certainOf != nil && certainOf == previousCertain && assessment.exceeds(certainZ)
        previousCertain = certainOf
        if let site = asked, unusual || nearlyUnusual || sustained || certainTwice {
            if site.className == ClassLabel.normal { shapedNormal = site.confidence }
            let continues = site.className == previousAttack && site.confidence >= continuingSiteConfidence
            let unrelated =
                site.isAttack ? Set(assessment.metrics.map(\.name).filter { !Window.isEvidence($0, of: site.className) }) : []
            let rising = site.isAttack ? Window.risingMetrics(of: site.className) : []
            let rises = rising.isEmpty || scored.metrics.contains { rising.contains($0.name) && $0.z >= Self.minimumRiseZ }
            let evidenced =
                rises && (unrelated.isEmpty || reaches(assessment, without: unrelated, sustained: sustained, certain: certainTwice))
            if !evidenced {
                struck = site.className
                shapedNormal = normalShare(of: site, without: site.className)
            }
            let named = site.isAttack && evidenced && (site.confidence >= minimumSiteConfidence || continues)
            if named && !unusual {
                // Named by the site model below the gate's threshold: held out of the baseline
                // like any unusual window, so an attack does not become the site's normal.
                unusual = true
                learnt.unusualZ = nearlyUnusual ? siteModelZ : sustained ? sustainedZ : certainZ
            }
            if named || (unusual && !verdict.isAttack) {
                // The class, confidence and reasons are the site model's; the probabilities stay
                // the packet model's, in its class order (the `p_*` columns). A class it names
                // below the minimum confidence is not taken: the window is judged as normal. A
                // class none of whose metrics moved is struck out: the window is judged as
                // normal, as sure as the rest of the site model's belief makes it.
                var reasons = site.explanation?.reasons ?? []
                if certainTwice && !(nearlyUnusual || sustained || assessment.isUnusual) {
                    reasons.insert(
                        String(
                            format: "the site model is near-certain of %@ for a second window running (p %.2f, from p %.2f)",
                            site.className, site.confidence, Self.certainSiteConfidence), at: 0)
                } else if named && site.confidence < minimumSiteConfidence {
                    reasons.insert(
                        "the \(site.className) of the window before goes on: the site model's p \(String(format: "%.2f", site.confidence)) is taken from p \(String(format: "%.2f", continuingSiteConfidence)) while an attack is under way",
                        at: 0)
                } else if site.isAttack && !rises {
                    reasons.insert(
                        "the site model's \(site.className) (p \(String(format: "%.2f", site.confidence))) is not taken: none of \(rising.sorted().joined(separator: ", ")) is above this site's normal (from z \(String(format: "%.1f", Self.minimumRiseZ)))",
                        at: 0)
                } else if site.isAttack && !evidenced {
                    reasons.insert(
                        "the site model's \(site.className) (p \(String(format: "%.2f", site.confidence))) is not taken: only \(Self.moved(assessment, among: unrelated)) moved, which it does not raise",
                        at: 0)
                } else if site.isAttack && !named {
                    reasons.insert(
                        "the site model's \(site.className) (p \(String(format: "%.2f", site.confidence))) is below p \(String(format: "%.2f", minimumSiteConfidence))",
                        at: 0)
                }
                verdict = WindowVerdict(
                    className: named || !site.isAttack ? site.className : ClassLabel.normal,
                    confidence: evidenced ? site.confidence : shapedNormal ?? site.confidence,
                    probabilities: verdict.probabilities,
                    explanation: Explanation(method: site.explanation?.method ?? .siteBaseline, reasons: reasons))
            }
        }
        var judged = verdict
        var normalByShape = false
        let site = assessment.explanation(unusual: unusual)
        switch (verdict.isAttack, unusual) {
        case (true, true):
            judged.explanation = Self.prepend(site, to: verdict.explanation)
        case (true, false):
            judged = demote(verdict, because: site, confidence: 1 - assessment.score)
        case (false, true):
            // The metric that moved may name the class (a log's p95 well above its own normal).
            let metricClass = assessment.mostUnusual.flatMap { Window.siteClass(forUnusual: $0.name) }
            let moved = assessment.metrics.filter { $0.z >= assessment.unusualZ }
            if metricClass == nil, !moved.isEmpty, moved.allSatisfy(Window.isNegligibleAlone) {
                normalByShape = true
                let few = moved.map { String(format: "%.0f %@ above its normal", $0.value - $0.normal, $0.name) }
                judged.explanation = Self.prepend(
                    site + ", but only " + few.joined(separator: " and ") + ", which nothing names: too few to report",
                    to: verdict.explanation)
            } else if metricClass == nil, let p = shapedNormal, p >= normalShapeConfidence,
                !moved.contains(where: { Window.unservedMetrics.contains($0.name) })
            {
                familiar += 1
                normalByShape = true
                let whose = struck.map { "without \($0), the rest of the site model's belief" } ?? "the site model"
                let shape = String(
                    format: "%@ finds it shaped like normal traffic (p %.2f, from p %.2f)", whose, p, normalShapeConfidence)
                judged.explanation = Self.prepend(
                    site + ", but " + shape + ": more of this site's own kind of traffic", to: verdict.explanation)
            } else {
                raised += 1
                judged.confidence = assessment.score
                judged.className = metricClass ?? ClassLabel.unknownAnomaly
                judged.explanation = Self.prepend(
                    metricClass == nil ? site + "; no attack class fits" : site, to: verdict.explanation)
            }
        case (false, false):
            break
        }
        // An unusual stretch nothing names (`unknown_anomaly`, or `normal` by its shape) is
        // adopted as the site's normal after a minute; one a model (or the metric that moved)
        // names waits the full hold.
        baseline.learn(
            metrics, seconds: seconds, assessment: learnt, adoptable: normalByShape || judged.className == ClassLabel.unknownAnomaly)
        previousAttack = judged.isAttack && judged.className != ClassLabel.unknownAnomaly ? judged.className : nil
        return judged
    }

    /// Whether `assessment` without the `unrelated` metrics still reaches a bar at which the
    /// site model names a class: the gate's threshold, ``siteModelZ``, ``sustainedZ`` for a
    /// `sustained` rise, ``certainZ`` when the site model is `certain` two windows running.
    private func reaches(_ assessment: BaselineAssessment, without unrelated: Set<String>, sustained: Bool, certain: Bool)
        -> Bool
    {
        var related = assessment
        related.metrics.removeAll { unrelated.contains($0.name) }
        return related.exceeds(siteModelZ) || (sustained && related.exceeds(sustainedZ)) || (certain && related.exceeds(certainZ))
    }

    /// The names of `assessment`'s metrics among `names` that moved most (up to three, the
    /// highest z first), joined for an explanation.
    private static func moved(_ assessment: BaselineAssessment, among names: Set<String>) -> String {
        let moved = assessment.metrics.filter { names.contains($0.name) && $0.z > 0 }.sorted { $0.z > $1.z }.prefix(3)
        return moved.isEmpty ? names.sorted().joined(separator: " or ") : moved.map(\.name).joined(separator: " or ")
    }

    /// The site model's probability of `normal` once `className` is struck out (its metrics did
    /// not move, so the window cannot be it): what the rest of its belief says the window is.
    private func normalShare(of site: WindowVerdict, without className: String) -> Double? {
        guard let names = classifier?.classNames, names.count == site.probabilities.count,
            let normal = names.firstIndex(of: ClassLabel.normal), let struck = names.firstIndex(of: className)
        else { return nil }
        let rest = 1 - site.probabilities[struck]
        return rest > 0 ? site.probabilities[normal] / rest : nil
    }

    /// The verdict on a window of the capture's first ``SiteMetricWindow/settleSeconds`` when
    /// the baseline was warm at its start (learnt before: a file, the store): `normal`, saying why.
    private mutating func settling(_ verdict: WindowVerdict, since seconds: Double) -> WindowVerdict {
        let why = String(
            format:
                "the capture began %.0f s ago and connections open before it are first seen mid-stream, so the site's normal is compared from %.0f s on",
            seconds, Window.settleSeconds)
        guard verdict.isAttack else {
            var judged = verdict
            judged.explanation = Self.prepend(why, to: verdict.explanation)
            return judged
        }
        return demote(verdict, because: why, confidence: 1 - verdict.confidence)
    }

    /// The classifier's attack `verdict` turned to `normal` with `confidence`, its explanation
    /// first saying what it was shaped like and `why` it is not taken; counted in ``demoted``.
    private mutating func demote(_ verdict: WindowVerdict, because why: String, confidence: Double) -> WindowVerdict {
        demoted += 1
        var judged = verdict
        judged.className = ClassLabel.normal
        judged.confidence = confidence
        judged.explanation = Self.prepend(
            "shaped like \(verdict.className) (p \(String(format: "%.2f", verdict.confidence))) but \(why)", to: verdict.explanation)
        return judged
    }

    private static func prepend(_ reason: String, to explanation: Explanation?) -> Explanation {
        Explanation(method: explanation?.method ?? .siteBaseline, reasons: [reason] + (explanation?.reasons ?? []))
    }
}
