import Foundation

/// Why a log line could not be read. The description says what was wrong with the line;
/// it does not name the file or line number (the caller knows those).
public enum LogParseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The line is empty or blank.
    case emptyLine
    /// A required field is missing (`field` names it, e.g. "status").
    case missingField(String)
    /// A quoted, bracketed or braced field has no closing `mark` ("quote", "bracket"…).
    case unterminated(mark: String, field: String)
    /// The timestamp could not be read.
    case badTimestamp(String)
    /// A field that must be a number is not.
    case notANumber(field: String, value: String)
    /// The line is not a JSON object (or a field has the wrong JSON type).
    case badJSON(String)

    public var description: String {
        switch self {
        case .emptyLine: return "empty line"
        case .missingField(let field): return "no \(field)"
        case .unterminated(let mark, let field): return "no closing \(mark) of the \(field)"
        case .badTimestamp(let text): return "bad timestamp '\(Self.clipped(text))'"
        case .notANumber(let field, let value): return "\(field) is not a number: '\(Self.clipped(value))'"
        case .badJSON(let reason): return "not a JSON access-log object: \(reason)"
        }
    }

    /// At most 80 characters of `text`, so a huge field does not make a huge message.
    static func clipped(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}

extension LogParseError {
    /// A short, stable name for counting skipped lines by reason.
    package var kind: String {
        let text = "\(self)"
        return String(text.prefix { $0 != ":" && $0 != "'" }).trimmingCharacters(in: .whitespaces)
    }
}
