import Foundation
import SentinelCore

/// Where a PostgreSQL store's password comes from: never the YAML, but an environment
/// variable (``environmentVariable``, checked first) or a file readable by the sentinel
/// only. A trailing newline in the file is ignored.
package enum StorePassword {
    /// The environment variable read for the password.
    package static let environmentVariable = "SENTINEL_STORE_PASSWORD"

    /// The password for `url`: `environment[SENTINEL_STORE_PASSWORD]`, else the file's
    /// contents, else nil when neither is set (trust or peer authentication needs none).
    /// - Throws: ``StoreError/missingPassword(url:reason:)`` when the file is named but cannot be read or is empty.
    package static func load(
        for url: PostgresStoreURL, file: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) -> String? {
        if let value = environment[environmentVariable], !value.isEmpty { return value }
        guard let file else { return nil }
        let text: String
        do {
            text = try SecretFile.read(file)
        } catch {
            throw .missingPassword(url: url.description, reason: "store_password_file \(file): \(error.reason)")
        }
        let password = text.trimmingCharacters(in: .newlines)
        guard !password.isEmpty else {
            throw .missingPassword(url: url.description, reason: "store_password_file \(file) is empty")
        }
        return password
    }
}
