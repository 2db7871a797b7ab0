import Foundation

/// A site's own normal, learnt online from its windows: for each named metric (packets/s,
/// new flows/s, SYN/s, distinct sources … or a log's requests/s, latency p95, error share) a
/// ``BaselineTrack`` with a half-life in seconds, so it follows a daily ramp or a site that
/// grows, but not a burst.
///
/// ``assess(_:)`` answers the first question an attack verdict needs — is this window unusual
/// *for this site*? — with each metric's ratio and robust z-score and one score in [0, 1).
/// Windows judged unusual are held out of it (``learn(_:seconds:assessment:adoptable:)``), so an
/// attack never becomes the site's normal; a lasting change is learnt once it is no longer
/// judged unusual, after ``Configuration/holdSeconds``, or — when nothing named it an attack —
/// adopted at once after ``Configuration/adoptSeconds``.
///
/// The baseline is `Codable`, so it can be learnt offline (`sentinel baseline`, ``SiteBaselineFile``), kept
/// in the store across restarts, and inspected as JSON.
public struct SiteBaseline: Sendable, Codable, Equatable {
    /// How fast the baseline learns and when it may be trusted.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Seconds after which a value's weight in the level has halved (default 30 minutes).
        public var halfLifeSeconds: Double = 1_800
        /// Windows learnt before assessments count (default 300: five minutes of 1 s windows).
        public var warmupWindows: Int = 300
        /// The longest an unusual stretch is kept out of the baseline (default 10 minutes):
        /// after that it is the site's new normal (a flash crowd that stays is demand).
        public var holdSeconds: Double = 600
        /// The longest an unusual stretch that no model names an attack is kept out (default 60
        /// seconds): then its mean is adopted at once as the site's normal. A host that goes from
        /// idle to busy is one short `unknown_anomaly` stretch, not ten minutes of them.
        public var adoptSeconds: Double = 60
        /// The robust z-score at which a metric makes a window unusual (default 4).
        public var unusualZ: Double = 4
        /// The least a metric must exceed its normal by, in its own unit, to count at all
        /// (default 5): one unanswered request where there are usually none is not "2× normal".
        /// A byte rate counts it in full-size packets (× ``bytesPerPacket``): two large packets
        /// on an idle host are not a burst.
        public var minimumExcess: Double = 5

        /// The defaults.
        public init() {}

        /// Decodes a configuration; `adoptSeconds` may be absent (files written before it
        /// existed adopt after the default).
        public init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            halfLifeSeconds = try values.decode(Double.self, forKey: .halfLifeSeconds)
            warmupWindows = try values.decode(Int.self, forKey: .warmupWindows)
            holdSeconds = try values.decode(Double.self, forKey: .holdSeconds)
            adoptSeconds = try values.decodeIfPresent(Double.self, forKey: .adoptSeconds) ?? adoptSeconds
            unusualZ = try values.decode(Double.self, forKey: .unusualZ)
            minimumExcess = try values.decode(Double.self, forKey: .minimumExcess)
        }
    }

    /// The settings.
    public var configuration: Configuration
    /// The tracks by metric name.
    public private(set) var tracks: [String: BaselineTrack] = [:]
    /// Seconds of unusual windows held out of the baseline so far in the current stretch.
    public private(set) var heldSeconds = 0.0
    /// The current unusual stretch's metrics, while it may still be adopted (nil otherwise).
    public private(set) var stretch: HeldStretch?

    /// The bytes of a full-size packet: a byte rate's ``Configuration/minimumExcess`` is counted
    /// in such packets (5 × 1,500 bytes/s by default).
    public static let bytesPerPacket = 1_500.0

    /// An empty baseline.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Whether the baseline has learnt the warm-up (its most-learnt metric has).
    public var isWarm: Bool { isWarm(mostLearnt: mostLearnt) }

    /// The windows the most-learnt metric has learnt.
    private var mostLearnt: Int { tracks.values.reduce(0) { max($0, $1.count) } }

    private func isWarm(mostLearnt: Int) -> Bool { mostLearnt >= max(configuration.warmupWindows, 1) }

    /// The windows a metric that joined a warm baseline late (one a newer release tracks,
    /// learnt on top of a baseline file or a stored baseline) learns before it is judged.
    public static let lateMetricWindows = 30

    /// Whether `track` is judged: every metric of a baseline learnt from the start is, once the
    /// baseline is warm; one that joined late waits until it has learnt the warm-up (at least
    /// ``lateMetricWindows``) rather than score against a level of a few windows, or make a
    /// warm baseline cold again.
    private func judges(_ track: BaselineTrack, mostLearnt: Int) -> Bool {
        track.count > 0 && track.count >= min(mostLearnt, max(configuration.warmupWindows, Self.lateMetricWindows))
    }

    /// How a window's metrics compare with the site's normal.
    public func assess(_ metrics: [String: Double]) -> BaselineAssessment {
        var comparisons: [BaselineAssessment.Metric] = []
        let mostLearnt = self.mostLearnt
        for name in metrics.keys.sorted() {
            guard let value = metrics[name], let track = tracks[name], judges(track, mostLearnt: mostLearnt) else { continue }
            let (ratio, z) = track.compare(value)
            let normal = expm1(track.level)
            let excess = configuration.minimumExcess * (name.hasPrefix("bytes") ? Self.bytesPerPacket : 1)
            let counted = z <= 0 || value - normal >= excess ? z : 0
            comparisons.append(.init(name: name, value: value, normal: normal, ratio: ratio, z: counted))
        }
        return BaselineAssessment(metrics: comparisons, isWarm: isWarm(mostLearnt: mostLearnt), unusualZ: configuration.unusualZ)
    }

    /// Learns a window of `seconds` with `metrics`, unless `assessment` (of the same window)
    /// found it unusual: then it is held out, up to ``Configuration/holdSeconds`` of a stretch.
    ///
    /// When every unusual window of the stretch is `adoptable` (no model named it an attack:
    /// an `unknown_anomaly`), the stretch is held only ``Configuration/adoptSeconds`` and then
    /// adopted at once (``BaselineTrack/adopt(level:spread:)`` with the stretch's mean and
    /// spread): a lasting benign change stops being unusual in one step instead of creeping in
    /// over hundreds of windows. Such a stretch goes on through lulls of usual windows shorter
    /// than ``HeldStretch/lullSeconds`` (its held seconds count the unusual windows only), so a
    /// site that turns bursty is adopted too. One window named an attack makes the whole stretch
    /// wait the full hold, as before; a usual window ends a stretch that was named.
    public mutating func learn(
        _ metrics: [String: Double], seconds: Double, assessment: BaselineAssessment? = nil, adoptable: Bool = false
    ) {
        guard seconds > 0, seconds.isFinite else { return }
        if let assessment, assessment.isWarm, assessment.isUnusual {
            if heldSeconds == 0 { stretch = HeldStretch() }
            if adoptable { stretch?.add(metrics) } else { stretch = nil }
            if let held = stretch, heldSeconds + seconds > configuration.adoptSeconds {
                adopt(held)
                return
            }
            if heldSeconds + seconds <= configuration.holdSeconds {
                heldSeconds += seconds
                return
            }
        }
        if assessment?.isUnusual != true, stretch?.addUsual(metrics, seconds: seconds) != true {
            // A usual window ends the stretch, unless it is a short lull inside one that may be
            // adopted (``HeldStretch/lullSeconds``).
            heldSeconds = 0
            stretch = nil
        }
        let weight = 1 - pow(0.5, seconds / max(configuration.halfLifeSeconds, 1e-9))
        for (name, value) in metrics {
            tracks[name, default: BaselineTrack()].learn(value, weight: weight)
        }
    }

    /// Makes the held stretch the site's normal and ends it.
    private mutating func adopt(_ held: HeldStretch) {
        for (name, moments) in held.metrics where tracks[name] != nil {
            tracks[name]?.adopt(level: moments.mean, spread: moments.spread)
        }
        heldSeconds = 0
        stretch = nil
    }

    /// What makes a decoded baseline unusable (non-finite or negative numbers, a negative
    /// count), or nil.
    public var problem: String? {
        let c = configuration
        for (name, value) in [
            ("half_life_seconds", c.halfLifeSeconds), ("hold_seconds", c.holdSeconds), ("adopt_seconds", c.adoptSeconds),
            ("unusual_z", c.unusualZ),
        ]
        where !value.isFinite || value <= 0 {
            return "\(name) must be a positive number"
        }
        guard c.minimumExcess.isFinite, c.minimumExcess >= 0 else { return "minimum_excess must be 0 or more" }
        guard c.warmupWindows >= 0 else { return "warmup_windows must be 0 or more" }
        guard heldSeconds.isFinite, heldSeconds >= 0 else { return "held_seconds must be 0 or more" }
        for (name, track) in tracks.sorted(by: { $0.key < $1.key }) {
            guard track.level.isFinite, track.spread.isFinite, track.spread >= 0, track.count >= 0 else {
                return "metric \(name): level, spread and count must be finite and not negative"
            }
        }
        return nil
    }
}
