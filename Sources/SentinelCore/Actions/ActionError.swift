/// Why an action (or one of its parts) is not valid.
public enum ActionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not an IPv4/IPv6 address or CIDR prefix.
    case invalidSource(String)
    /// A backend, server, deployment or namespace name holds characters it may not.
    case invalidName(String)
    /// A number is out of range (requests/s not positive, weight outside 0…256, replicas negative, TTL not positive).
    case outOfRange(field: String, value: String)
    /// The JSON `type` is none the vocabulary knows.
    case unknownType(String)

    public var description: String {
        switch self {
        case let .invalidSource(text):
            return "'\(text)' is not an IPv4 or IPv6 address or prefix (prefix length 0–32 for IPv4, 0–128 for IPv6)"
        case let .invalidName(name):
            return "'\(name)' is not a valid name (letters, digits, '.', '-', '_' only)"
        case let .outOfRange(field, value): return "\(field) \(value) is out of range"
        case let .unknownType(type):
            return "unknown action type '\(type)'; expected one of \(Action.Kind.typeNames.joined(separator: ", "))"
        }
    }
}
