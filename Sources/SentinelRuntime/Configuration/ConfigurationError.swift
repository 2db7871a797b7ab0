/// Why a configuration file was refused: always the file, and where the YAML says it, the
/// line and column (`rules/sentinel.yaml:12:5: unknown key 'intervals' in capture (…)`).
package enum ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read (missing, a directory, not UTF-8, no permission).
    case unreadable(path: String, reason: String)
    /// The text is not YAML (a scanner, parser or composer error, or a duplicate key).
    case syntax(path: String, line: Int, column: Int, reason: String)
    /// The YAML is well formed but a value is wrong: an unknown key, a wrong type, a value
    /// out of range, or a secret written into the file.
    case invalid(path: String, line: Int, column: Int, reason: String)

    /// The reason shown to secrets written into the file.
    package static let secretsReason = "secrets never go in the configuration: use secret_env or secret_file"

    /// The configuration file.
    package var path: String {
        switch self {
        case let .unreadable(path, _), let .syntax(path, _, _, _), let .invalid(path, _, _, _): return path
        }
    }

    /// The 1-based line (nil when the file could not be read).
    package var line: Int? {
        switch self {
        case .unreadable: return nil
        case let .syntax(_, line, _, _), let .invalid(_, line, _, _): return line
        }
    }

    /// The 1-based column (nil when the file could not be read).
    package var column: Int? {
        switch self {
        case .unreadable: return nil
        case let .syntax(_, _, column, _), let .invalid(_, _, column, _): return column
        }
    }

    /// What is wrong, without the location.
    package var reason: String {
        switch self {
        case let .unreadable(_, reason), let .syntax(_, _, _, reason), let .invalid(_, _, _, reason): return reason
        }
    }

    /// `FILE:LINE:COLUMN: reason`, or `FILE: reason` when the file could not be read.
    package var description: String {
        if let line, let column { return "\(path):\(line):\(column): \(reason)" }
        return "\(path): \(reason)"
    }
}
