import GRDB

/// An action the planner chose: what, against what, in which mode, and what came of it.
public struct StoredAction: Codable, Equatable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    /// The action's identifier (a UUID string).
    public var id: String
    /// When it was decided, seconds since 1970.
    public var time: Double
    /// What kind of action, e.g. `rate_limit`, `block`, `scale`.
    public var kind: String
    /// What it acts on: a source prefix, a backend, a deployment.
    public var target: String
    /// Its parameters as a JSON object (JSON text, `{}` if none).
    public var parameters: String
    /// `dry-run` or `enforce`.
    public var mode: String
    /// What happened when it was carried out, or `nil` if not (yet) known.
    public var outcome: String?
    /// Why it was chosen, for people.
    public var explanation: String

    /// Creates an action record.
    public init(id: String, time: Double, kind: String, target: String, parameters: String = "{}",
                mode: String, outcome: String? = nil, explanation: String) {
        self.id = id
        self.time = time
        self.kind = kind
        self.target = target
        self.parameters = parameters
        self.mode = mode
        self.outcome = outcome
        self.explanation = explanation
    }

    /// The table's name.
    public static let databaseTableName = "actions"

    enum CodingKeys: String, CodingKey {
        case id, time, kind, target, parameters, mode, outcome, explanation
    }
}
