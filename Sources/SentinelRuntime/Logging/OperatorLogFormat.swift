/// How `sentinel run` writes its operational log to standard error.
package enum OperatorLogFormat: String, Sendable, Equatable, CaseIterable {
    /// One readable line per event: time, level, message, then `key=value` pairs. Under
    /// systemd (standard error connected to the journal) the time is left to journald and the
    /// level becomes a `<N>` syslog priority prefix, which journald turns into the entry's priority.
    case text
    /// One JSON object per line: `timestamp`, `level`, `logger`, `message`, then the event's fields.
    case json
}
