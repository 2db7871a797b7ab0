/// One closed window of an access log: its span, features and busiest clients.
public struct LogWindowRecord: Sendable {
    /// Start, seconds since the epoch (inclusive).
    public var start: Double
    /// End, seconds since the epoch (exclusive).
    public var end: Double
    /// Requests (parsed lines) in the window.
    public var requests: Int
    /// Feature values indexed by `LogWindowFeature.rawValue`.
    public var values: [Double]
    /// The busiest clients and their request counts, most first.
    public var topClients: [(client: String, requests: Int)]

    /// A window; `values` indexed by `LogWindowFeature.rawValue`.
    package init(start: Double, end: Double, requests: Int, values: [Double], topClients: [(client: String, requests: Int)]) {
        self.start = start
        self.end = end
        self.requests = requests
        self.values = values
        self.topClients = topClients
    }

    /// The value of one feature.
    public subscript(feature: LogWindowFeature) -> Double { values[feature.rawValue] }

    /// The feature names in column order.
    public static var names: [String] { LogWindowFeature.allCases.map(\.name) }
}
