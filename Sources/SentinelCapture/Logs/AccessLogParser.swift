/// Turns one line of an access log into an `AccessLogRecord`.
///
/// Parsers never trap, whatever the bytes: a line they cannot read gives a `LogParseError`
/// saying what was wrong; the caller adds the file and line number.
public protocol AccessLogParser: Sendable {
    /// Parses one line, without its line terminator.
    func parse(_ line: Substring) -> Result<AccessLogRecord, LogParseError>
}

extension AccessLogParser {
    /// Parses one line, without its line terminator.
    public func parse(_ line: String) -> Result<AccessLogRecord, LogParseError> {
        parse(line[...])
    }
}
