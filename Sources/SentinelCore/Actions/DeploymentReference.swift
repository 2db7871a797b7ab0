/// A Kubernetes Deployment to scale: its name and, optionally, its namespace (the
/// gateway's default namespace when `nil`).
///
/// Names follow Kubernetes' DNS-1123 rules (lower-case letters, digits, `-` and `.`, at
/// most 253 characters), so they are safe to put in an API path.
public struct DeploymentReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The namespace, or `nil` for the gateway's default.
    public let namespace: String?
    /// The Deployment's name.
    public let name: String

    /// Creates a reference.
    /// - Throws: ``ActionError/invalidName(_:)`` when a name breaks DNS-1123 rules.
    public init(name: String, namespace: String? = nil) throws(ActionError) {
        guard Self.isValidName(name) else { throw .invalidName(name) }
        if let namespace, !Self.isValidName(namespace) { throw .invalidName(namespace) }
        self.name = name
        self.namespace = namespace
    }

    /// A reference whose name is checked later: the planner's scale target, which a gateway
    /// checks (with ``init(name:namespace:)``) when it carries the scale out.
    package init(unchecked name: String, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    /// Whether a name is a DNS-1123 subdomain.
    package static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253, let first = name.unicodeScalars.first,
            let last = name.unicodeScalars.last
        else { return false }
        let alphanumeric: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return alphanumeric(first) && alphanumeric(last)
            && name.unicodeScalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "." }
    }

    private enum CodingKeys: String, CodingKey { case namespace, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let namespace = try container.decodeIfPresent(String.self, forKey: .namespace)
        do {
            try self.init(name: name, namespace: namespace)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: error.description)
        }
    }
}
