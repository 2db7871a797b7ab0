import Foundation
import Yams

/// Walks a composed YAML tree for `SentinelConfiguration.parse`: every wrong node becomes a
/// `ConfigurationError` carrying that node's line and column.
struct ConfigurationReader {
    /// The file the text came from (only for messages).
    let path: String

    /// One `key: value` pair of a mapping.
    struct Entry {
        /// The key's text.
        let key: String
        /// The key's node (where an unknown or secret key is reported).
        let keyNode: Node
        /// The value's node (where a wrong value is reported).
        let value: Node
    }

    /// An error located at `node`.
    func fail(_ node: Node, _ reason: String) -> ConfigurationError {
        .invalid(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, reason: reason)
    }

    /// How a node is named in a message: `'fast'`, `nothing`, `a list`, `a mapping`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            return "'\(scalar.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Whether the node is YAML's null (an empty value, `~` or `null`), which means "the default".
    static func isNull(_ node: Node) -> Bool { node.null != nil }

    /// Whether a key names a secret that would be written into the file itself
    /// (`secret`, `token`, `password`, `api_key`, …; `secret_env`, `secret_file`, `token_env` and `token_file`
    /// are the allowed forms).
    static func namesSecret(_ key: String) -> Bool {
        let name = key.lowercased().replacingOccurrences(of: "-", with: "_")
        if ["secret_env", "secret_file", "store_password_file", "token_env", "token_file"].contains(name) { return false }
        if ["key", "signing_key", "hmac_key", "private_key", "auth", "authorization", "bearer"].contains(name) { return true }
        return ["secret", "password", "passwd", "token", "api_key", "apikey", "credential"].contains { name.contains($0) }
    }

    /// The entries of a mapping, refusing keys that hold secrets and keys not in `known`
    /// (`location` completes the message: `in capture`, `at the top level`). Null: no entries.
    func entries(_ node: Node, _ location: String, known: [String]) throws(ConfigurationError) -> [Entry] {
        if Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            throw fail(
                node,
                "\(location.replacingOccurrences(of: "in ", with: "")) must be a mapping of keys to values, not \(Self.describe(node))")
        }
        var result: [Entry] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                throw fail(keyNode, "keys \(location) must be names, not \(Self.describe(keyNode))")
            }
            let key = scalar.string
            if Self.namesSecret(key) { throw fail(keyNode, ConfigurationError.secretsReason) }
            guard known.contains(key) else {
                throw fail(keyNode, "unknown key '\(key)' \(location) (known: \(known.joined(separator: ", ")))")
            }
            result.append(Entry(key: key, keyNode: keyNode, value: value))
        }
        return result
    }

    /// A string (any scalar's text); nil for null.
    func string(_ entry: Entry) throws(ConfigurationError) -> String? {
        if Self.isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value else {
            throw fail(entry.value, "\(entry.key) must be a string, not \(Self.describe(entry.value))")
        }
        return scalar.string
    }

    /// A string that is not empty; nil for null.
    func nonEmptyString(_ entry: Entry) throws(ConfigurationError) -> String? {
        guard let text = try string(entry) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail(entry.value, "\(entry.key) must not be empty") }
        return text
    }

    /// `true` or `false`; nil for null.
    func bool(_ entry: Entry) throws(ConfigurationError) -> Bool? {
        guard let text = try string(entry) else { return nil }
        guard let value = Bool(text) else { throw fail(entry.value, "\(entry.key) must be true or false, not '\(text)'") }
        return value
    }

    /// A finite number; nil for null.
    func number(_ entry: Entry) throws(ConfigurationError) -> Double? {
        if Self.isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value, let value = Double.construct(from: scalar) else {
            throw fail(entry.value, "\(entry.key) must be a number, not \(Self.describe(entry.value))")
        }
        guard value.isFinite else { throw fail(entry.value, "\(entry.key) must be a finite number, not \(Self.describe(entry.value))") }
        return value
    }

    /// A number more than 0 (with `orZero`, 0 or more); nil for null. `unit` follows the bound
    /// in the error: `timeout must be more than 0 seconds`.
    func positiveNumber(_ entry: Entry, orZero: Bool = false, unit: String? = nil) throws(ConfigurationError) -> Double? {
        guard let value = try number(entry) else { return nil }
        try require(
            orZero ? value >= 0 : value > 0, entry,
            "\(entry.key) must be \(orZero ? "0 or more" : "more than 0")\(unit.map { " " + $0 } ?? ""), not \(Self.describe(entry.value))")
        return value
    }

    /// A probability from 0 to 1; nil for null.
    func probability(_ entry: Entry) throws(ConfigurationError) -> Double? {
        guard let value = try number(entry) else { return nil }
        try require(
            value >= 0 && value <= 1, entry, "\(entry.key) must be a probability from 0 to 1, not \(Self.describe(entry.value))")
        return value
    }

    /// A whole number; nil for null.
    func integer(_ entry: Entry) throws(ConfigurationError) -> Int? {
        if Self.isNull(entry.value) { return nil }
        guard case .scalar(let scalar) = entry.value, let value = Int.construct(from: scalar) else {
            throw fail(entry.value, "\(entry.key) must be a whole number, not \(Self.describe(entry.value))")
        }
        return value
    }

    /// A list of non-empty strings (a single string is a list of one); nil for null.
    func strings(_ entry: Entry) throws(ConfigurationError) -> [String]? {
        if Self.isNull(entry.value) { return nil }
        let items: [Node]
        switch entry.value {
        case .scalar: items = [entry.value]
        case .sequence(let sequence): items = Array(sequence)
        default: throw fail(entry.value, "\(entry.key) must be a list of strings, not \(Self.describe(entry.value))")
        }
        var result: [String] = []
        for item in items {
            guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                throw fail(item, "each entry of \(entry.key) must be a string, not \(Self.describe(item))")
            }
            guard !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail(item, "entries of \(entry.key) must not be empty")
            }
            result.append(scalar.string)
        }
        return result
    }

    /// The items of a list; empty for null.
    func list(_ entry: Entry) throws(ConfigurationError) -> [Node] {
        if Self.isNull(entry.value) { return [] }
        guard case .sequence(let sequence) = entry.value else {
            throw fail(entry.value, "\(entry.key) must be a list, not \(Self.describe(entry.value))")
        }
        return Array(sequence)
    }

    /// Refuses `value` at the entry's value unless `isValid`.
    func require(_ isValid: Bool, _ entry: Entry, _ reason: @autoclosure () -> String) throws(ConfigurationError) {
        if !isValid { throw fail(entry.value, reason()) }
    }
}
