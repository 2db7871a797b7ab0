/// One server of a load balancer's backend pool (`backend/server` in HAProxy's terms).
///
/// Both names may hold only letters, digits and `.`, `_`, `-`, `:` (what HAProxy allows in
/// a proxy or server name), so they are safe to put in a runtime-API command.
public struct BackendServer: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The backend (pool) name.
    public let backend: String
    /// The server name inside the backend.
    public let server: String

    /// Creates a reference.
    /// - Throws: ``ActionError/invalidName(_:)`` when a name is empty or holds other characters.
    public init(backend: String, server: String) throws(ActionError) {
        guard Self.isValidName(backend) else { throw .invalidName(backend) }
        guard Self.isValidName(server) else { throw .invalidName(server) }
        self.backend = backend
        self.server = server
    }

    public var description: String { "\(backend)/\(server)" }

    /// Whether a proxy or server name is acceptable.
    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 128
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "._-:".unicodeScalars.contains($0)
            }
    }

    private enum CodingKeys: String, CodingKey { case backend, server }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let backend = try container.decode(String.self, forKey: .backend)
        let server = try container.decode(String.self, forKey: .server)
        do {
            try self.init(backend: backend, server: server)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .server, in: container, debugDescription: error.description)
        }
    }
}
