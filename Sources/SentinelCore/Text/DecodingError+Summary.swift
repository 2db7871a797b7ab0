extension DecodingError {
    /// One line naming where in the document decoding failed and why (`layers.[2].weights is
    /// missing`), for errors that name a file.
    package var summary: String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch self {
        case let .keyNotFound(key, context): return "\(path(context.codingPath + [key])) is missing"
        case let .typeMismatch(_, context): return "\(path(context.codingPath)): \(context.debugDescription)"
        case let .valueNotFound(_, context): return "\(path(context.codingPath)) is null"
        case let .dataCorrupted(context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(self)"
        }
    }
}
