import Foundation
import Logging

/// A swift-log handler writing through an ``OperatorLog`` (its level unless set on the handler).
package struct OperatorLogHandler: LogHandler {
    /// The logger's label (`sentinel`, or a library's: `Hummingbird`).
    package let label: String
    private let log: OperatorLog
    private var ownLevel: Logger.Level?
    /// Fields added to every event of this logger.
    package var metadata: Logger.Metadata = [:]

    /// A handler for `label` writing through `log`.
    package init(label: String, log: OperatorLog) {
        self.label = label
        self.log = log
    }

    /// The shared level, unless this handler was given its own.
    package var logLevel: Logger.Level {
        get { ownLevel ?? log.level }
        set { ownLevel = newValue }
    }

    /// One field of ``metadata``.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event with this logger's fields and the event's (the event's win).
    package func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        if let error = event.error, fields["error"] == nil { fields["error"] = "\(error)" }
        log.emit(level: event.level, label: label, message: event.message.description, metadata: fields)
    }
}
