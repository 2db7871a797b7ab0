import Foundation

extension PostgresStore {
    /// `value` as JSON text (keys sorted), as the text columns hold it.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// Decodes JSON text from a column.
    /// - Throws: ``StoreError/query(path:reason:)`` naming the column when it is not what was stored.
    func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError.query(path: location, reason: "\(column) holds invalid JSON: \(text.prefix(80))")
        }
    }
}
