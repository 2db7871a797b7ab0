import Foundation
import Logging

/// The operational log of `sentinel run`: what an operator needs while it runs (start,
/// incidents, planner actions, deliveries, store problems, reloads, the stop), one line per
/// event on standard error, which systemd hands to journald.
///
/// The level and format live here, shared by every ``OperatorLogHandler``, so a reload
/// (`SIGHUP`) changes them for loggers made before it.
package final class OperatorLog: @unchecked Sendable {
    /// The log every handler made by ``bootstrap(level:format:)`` writes through.
    package static let shared = OperatorLog()

    private let lock = NSLock()
    private var _level: Logger.Level = .info
    private var _format: OperatorLogFormat = .text
    /// Where lines go (standard error; a test may point it elsewhere).
    private let descriptor: Int32
    /// Whether standard error is the journal (systemd's `JOURNAL_STREAM` names its device and inode).
    let isJournal: Bool
    /// Whether levels are coloured: a terminal, `NO_COLOR` unset, `TERM` not `dumb`.
    let isColoured: Bool

    /// A log writing to `descriptor` (standard error by default).
    package init(descriptor: Int32 = 2, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.descriptor = descriptor
        isJournal = Self.isJournal(descriptor: descriptor, stream: environment["JOURNAL_STREAM"])
        isColoured =
            !isJournal && isatty(descriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Makes every `Logger` in the process write through ``shared`` at `level` in `format`.
    /// Call once, before the first logger is made.
    package static func bootstrap(level: Logger.Level, format: OperatorLogFormat) {
        shared.configure(level: level, format: format)
        LoggingSystem.bootstrap { label in OperatorLogHandler(label: label, log: shared) }
    }

    /// Changes the level and format (a reload).
    package func configure(level: Logger.Level, format: OperatorLogFormat) {
        lock.lock()
        _level = level
        _format = format
        lock.unlock()
    }

    /// The least severe level written.
    package var level: Logger.Level {
        lock.lock()
        defer { lock.unlock() }
        return _level
    }

    /// The line format.
    package var format: OperatorLogFormat {
        lock.lock()
        defer { lock.unlock() }
        return _format
    }

    /// Writes one event as one line (a single `write`, so lines from threads never interleave).
    func emit(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, date: Date = Date()) {
        let line: String
        switch format {
        case .json:
            line = OperatorLogLine.json(date: date, level: level, label: label, message: message, metadata: metadata)
        case .text:
            line = OperatorLogLine.text(
                date: isJournal ? nil : date, level: level, label: label, message: message, metadata: metadata,
                journal: isJournal, colour: isColoured)
        }
        let bytes = Array((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0, errno == EINTR { continue }
            // A closed or broken standard error: the sentinel keeps running, silently.
            guard result > 0 else { return }
            written += result
        }
    }

    /// Whether `descriptor` is the stream `JOURNAL_STREAM` (`device:inode`) names.
    static func isJournal(descriptor: Int32, stream: String?) -> Bool {
        guard let stream else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
