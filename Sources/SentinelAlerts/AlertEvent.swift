import Foundation

/// One alert as sent to a webhook in the `sentinel` format: the documented JSON schema
/// `sentinel.alert.v1` (see `docs/alert-schema.md` for an example).
///
/// Keys (every key is always present; `null` where there is no value):
///
/// | key | type | meaning |
/// | --- | --- | --- |
/// | `schema` | string | always `"sentinel.alert.v1"` |
/// | `event_id` | string | `<incident_id>:opened` or `<incident_id>:resolved`; unique per event, also sent as `webhook-id` — receivers dedupe by it |
/// | `kind` | string | `opened`, `resolved`, or `action` (a planner decision; `incident_id` is then the action's id) |
/// | `incident_id` | string | the incident, shared by its two events |
/// | `class` | string | the attack class, e.g. `syn_flood` |
/// | `target` | string | what was attacked (interface, service) |
/// | `confidence` | number | peak confidence so far, 0…1 |
/// | `start` | string | RFC 3339 UTC time of the first attack window |
/// | `end` | string or null | RFC 3339 UTC end of the last attack window; `null` when opened |
/// | `windows` | integer | attack windows counted |
/// | `top_offenders` | array of strings | offending sources, first seen first |
/// | `key_features` | object of numbers | the features that explain the verdict |
/// | `host` | string | the sentinel host that saw it |
/// | `model` | string | the model that classified it |
/// | `action` | string or null | the action taken or recommended, if any |
/// | `action_taken` | boolean | `true` if `action` was applied, `false` if only recommended (dry run) |
///
/// New optional keys may be added within `v1`; receivers must ignore keys they do not know.
public struct AlertEvent: Codable, Sendable, Equatable {
    /// The schema identifier this type writes.
    public static let schemaVersion = "sentinel.alert.v1"

    /// The schema identifier (``schemaVersion``).
    public var schema: String
    /// Unique per event: ``incidentID`` + `:opened` / `:resolved`.
    public var eventID: String
    /// Opened or resolved.
    public var kind: AlertKind
    /// The incident's identifier.
    public var incidentID: String
    /// The attack class.
    public var className: String
    /// What was attacked.
    public var target: String
    /// Peak confidence, 0…1.
    public var confidence: Double
    /// Start of the first attack window, seconds since 1970.
    public var start: Double
    /// End of the last attack window (resolved events), seconds since 1970.
    public var end: Double?
    /// Attack windows counted.
    public var windows: Int
    /// Offending sources.
    public var topOffenders: [String]
    /// The features that explain the verdict (non-finite values are dropped).
    public var keyFeatures: [String: Double]
    /// The sentinel host.
    public var host: String
    /// The model that classified the windows.
    public var model: String
    /// The action taken or recommended, if any.
    public var action: String?
    /// Whether ``action`` was applied (`false`: recommended only).
    public var actionTaken: Bool

    /// Builds the alert for an incident event.
    /// - Parameters:
    ///   - event: the tracker's event.
    ///   - host: the sentinel host's name.
    ///   - model: the model's name or file.
    ///   - action: the action taken or recommended, if any.
    ///   - actionTaken: whether `action` was applied.
    public init(_ event: IncidentEvent, host: String, model: String, action: String? = nil, actionTaken: Bool = false) {
        let incident = event.incident
        schema = Self.schemaVersion
        eventID = Self.eventID(incidentID: incident.id, kind: event.kind)
        kind = event.kind
        incidentID = incident.id
        className = incident.className
        target = incident.target
        confidence = incident.peakConfidence.isFinite ? incident.peakConfidence : 0
        start = incident.start
        end = event.kind == .resolved ? incident.end : nil
        windows = incident.windows
        topOffenders = incident.offenders
        keyFeatures = incident.keyFeatures.filter { $0.value.isFinite }
        self.host = host
        self.model = model
        self.action = action
        self.actionTaken = actionTaken
    }

    /// Builds the alert for a planner action.
    /// - Parameters:
    ///   - actionID: the action's identifier (the event is `<actionID>:action`).
    ///   - className: the verdict class that led to it (`normal` for scaling on legitimate load).
    ///   - target: what it acts on (a service or a source).
    ///   - confidence: the verdict's confidence.
    ///   - time: when it was decided, seconds since 1970.
    ///   - description: what and why, in one sentence.
    ///   - taken: whether it was applied (`false`: dry-run or failed).
    ///   - keyFeatures: the numbers the rule used.
    public init(
        actionID: String, className: String, target: String, confidence: Double, time: Double, description: String,
        taken: Bool, host: String, model: String, offenders: [String] = [], keyFeatures: [String: Double] = [:]
    ) {
        schema = Self.schemaVersion
        eventID = "\(actionID):\(AlertKind.action.rawValue)"
        kind = .action
        incidentID = actionID
        self.className = className
        self.target = target
        self.confidence = confidence.isFinite ? confidence : 0
        start = time
        end = time
        windows = 1
        topOffenders = offenders
        self.keyFeatures = keyFeatures.filter { $0.value.isFinite }
        self.host = host
        self.model = model
        action = description
        actionTaken = taken
    }

    /// The event identifier of an incident's open or resolve event.
    public static func eventID(incidentID: String, kind: AlertKind) -> String {
        "\(incidentID):\(kind.rawValue)"
    }

    /// The bytes of the `sentinel` format: compact JSON, keys sorted.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(self)) ?? Data()
    }

    enum CodingKeys: String, CodingKey {
        case schema, kind, target, confidence, start, end, windows, host, model, action
        case eventID = "event_id"
        case incidentID = "incident_id"
        case className = "class"
        case topOffenders = "top_offenders"
        case keyFeatures = "key_features"
        case actionTaken = "action_taken"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(eventID, forKey: .eventID)
        try c.encode(kind, forKey: .kind)
        try c.encode(incidentID, forKey: .incidentID)
        try c.encode(className, forKey: .className)
        try c.encode(target, forKey: .target)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(RFC3339.string(start), forKey: .start)
        if let end { try c.encode(RFC3339.string(end), forKey: .end) } else { try c.encodeNil(forKey: .end) }
        try c.encode(windows, forKey: .windows)
        try c.encode(topOffenders, forKey: .topOffenders)
        try c.encode(keyFeatures, forKey: .keyFeatures)
        try c.encode(host, forKey: .host)
        try c.encode(model, forKey: .model)
        if let action { try c.encode(action, forKey: .action) } else { try c.encodeNil(forKey: .action) }
        try c.encode(actionTaken, forKey: .actionTaken)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try c.decode(String.self, forKey: .schema)
        eventID = try c.decode(String.self, forKey: .eventID)
        kind = try c.decode(AlertKind.self, forKey: .kind)
        incidentID = try c.decode(String.self, forKey: .incidentID)
        className = try c.decode(String.self, forKey: .className)
        target = try c.decode(String.self, forKey: .target)
        confidence = try c.decode(Double.self, forKey: .confidence)
        start = try RFC3339.decode(c.decode(String.self, forKey: .start), key: .start, in: c)
        end = try c.decodeIfPresent(String.self, forKey: .end).map { try RFC3339.decode($0, key: .end, in: c) }
        windows = try c.decode(Int.self, forKey: .windows)
        topOffenders = try c.decode([String].self, forKey: .topOffenders)
        keyFeatures = try c.decode([String: Double].self, forKey: .keyFeatures)
        host = try c.decode(String.self, forKey: .host)
        model = try c.decode(String.self, forKey: .model)
        action = try c.decodeIfPresent(String.self, forKey: .action)
        actionTaken = try c.decodeIfPresent(Bool.self, forKey: .actionTaken) ?? false
    }
}
