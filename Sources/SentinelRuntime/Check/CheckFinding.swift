/// One thing `sentinel rules check` found about what `sentinel run` will need: an error
/// (`run` would fail or miss data), a warning (it runs, but likely not as meant; `--strict`
/// fails on these) or a note.
package struct CheckFinding: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is.
    package enum Severity: String, Sendable, Comparable {
        /// `run` would fail, or silently miss what the file asks for.
        case error
        /// `run` works, but probably not as meant.
        case warning
        /// Worth knowing; never fails a check.
        case note

        package static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

        private var rank: Int {
            switch self {
            case .error: return 0
            case .warning: return 1
            case .note: return 2
            }
        }
    }

    /// How serious it is.
    package var severity: Severity
    /// What it is about (`model`, `interface eth9`, `webhook soc`, `log /var/log/x.log`).
    package var subject: String
    /// What is wrong and what to do. Never holds a secret's value.
    package var message: String

    /// Creates a finding.
    package init(_ severity: Severity, _ subject: String, _ message: String) {
        self.severity = severity
        self.subject = subject
        self.message = message
    }

    /// `error: webhook soc: $SENTINEL_SOC_SECRET is not set (…)`.
    package var description: String { "\(severity.rawValue): \(subject): \(message)" }
}
