import SentinelCore

/// The JSON form `sentinel plan --format json` prints: `id`, `time`, `kind` (the
/// ``PlannedAction/Parameters``), `mode`, `rule`, `inputs`, `explanation`.
extension PlannedAction: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, time, kind, mode, rule, inputs, explanation
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time, forKey: .time)
        try container.encode(Parameters(self), forKey: .kind)
        try container.encode(mode, forKey: .mode)
        try container.encode(rule, forKey: .rule)
        try container.encode(inputs, forKey: .inputs)
        try container.encode(explanation, forKey: .explanation)
    }
}
