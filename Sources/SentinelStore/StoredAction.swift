import GRDB

/// An action the planner chose: what, against what, in which mode, and what came of it.
package struct StoredAction: Codable, Equatable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    /// The action's identifier (a UUID string).
    package var id: String
    /// When it was decided, seconds since 1970.
    package var time: Double
    /// What kind of action, e.g. `rate_limit`, `block`, `scale`.
    package var kind: String
    /// What it acts on: a source prefix, a backend, a deployment.
    package var target: String
    /// Its parameters as a JSON object (JSON text, `{}` if none).
    package var parameters: String
    /// `dry-run` or `enforce`.
    package var mode: String
    /// What happened when it was carried out, or `nil` if not (yet) known.
    package var outcome: String?
    /// Why it was chosen, for people.
    package var explanation: String
    /// The sentinel that decided it (its `sentinel.host`); empty in rows from before fleets.
    package var sensor: String

    /// Creates an action record.
    package init(
        id: String, time: Double, kind: String, target: String, parameters: String = "{}",
        mode: String, outcome: String? = nil, explanation: String, sensor: String = ""
    ) {
        self.id = id
        self.time = time
        self.kind = kind
        self.target = target
        self.parameters = parameters
        self.mode = mode
        self.outcome = outcome
        self.explanation = explanation
        self.sensor = sensor
    }

    /// The table's name.
    package static let databaseTableName = "actions"

    enum CodingKeys: String, CodingKey {
        case id, time, kind, target, parameters, mode, outcome, explanation, sensor
    }
}
