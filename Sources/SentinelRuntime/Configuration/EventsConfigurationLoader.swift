import Yams

extension SentinelConfiguration {
    /// `events:`: path, verdicts.
    static func events(_ node: Node, _ reader: ConfigurationReader) throws(ConfigurationError) -> Events? {
        if ConfigurationReader.isNull(node) { return nil }
        var path: String?
        var verdicts = Events.Verdicts.attacks
        for entry in try reader.entries(node, "in events", known: ["path", "verdicts"]) {
            if entry.key == "path" {
                path = try reader.nonEmptyString(entry)
            } else if let text = try reader.string(entry) {
                guard let value = Events.Verdicts(rawValue: text) else {
                    throw reader.fail(
                        entry.value,
                        "verdicts must be one of \(Events.Verdicts.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
                }
                verdicts = value
            }
        }
        guard let path else { throw reader.fail(node, "events needs a path (the JSON-lines file to append to)") }
        var events = Events(path: path)
        events.verdicts = verdicts
        return events
    }
}
