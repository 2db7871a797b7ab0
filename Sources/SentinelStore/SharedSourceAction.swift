import GRDB

/// A block or rate limit the fleet's planner decided, kept in the store as desired state:
/// every sentinel of the fleet applies it to its own gateway until it expires, so a block
/// decided from one sensor's evidence protects every gateway.
package struct SharedSourceAction: Codable, Equatable, Sendable, Identifiable, FetchableRecord, PersistableRecord {
    /// The planner action's identifier.
    package var id: String
    /// `block` or `rate_limit`.
    package var kind: String
    /// The source address or prefix (`203.0.113.0/24`).
    package var source: String
    /// For a rate limit, the requests per second allowed; nil for a block.
    package var requestsPerSecond: Double?
    /// When it was decided, seconds since 1970.
    package var created: Double
    /// When it ends, seconds since 1970.
    package var expires: Double
    /// The sentinel whose planner decided it.
    package var decidedBy: String

    /// Creates a shared action.
    package init(
        id: String, kind: String, source: String, requestsPerSecond: Double? = nil, created: Double, expires: Double,
        decidedBy: String
    ) {
        self.id = id
        self.kind = kind
        self.source = source
        self.requestsPerSecond = requestsPerSecond
        self.created = created
        self.expires = expires
        self.decidedBy = decidedBy
    }

    /// The table's name.
    package static let databaseTableName = "shared_source_actions"

    enum CodingKeys: String, CodingKey {
        case id, kind, source, created, expires
        case requestsPerSecond = "requests_per_second"
        case decidedBy = "decided_by"
    }
}
