import Foundation
import SentinelAlerts

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The JSON-lines event log for a SIEM (`events:` in the configuration; schema in
/// docs/events.md): one object per line, `timestamp`, `event_type`, `sensor`, `source`, and
/// an object named after the event type, in the spirit of Suricata's EVE and Zeek's JSON logs.
///
/// Rotation-safe without help: the file is opened with `O_APPEND`, so after logrotate's
/// `copytruncate` the next line lands at the new end (offset 0), never after a hole; and when
/// the path names another file than the one open (rotation by rename), the next write reopens
/// it. ``reopen()`` (on `SIGHUP`) does the same at once.
final class EventLog {
    /// The file.
    let path: String
    private var descriptor: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    /// When the path was last compared with the open file (monotonic-enough wall seconds).
    private var lastCheck = 0.0

    /// Opens (creating, mode 0640) `path` for appending.
    /// - Throws: ``RuntimeError/cannotOpenEventLog(path:reason:)``.
    init(path: String) throws(RuntimeError) {
        self.path = path
        if let reason = openFile() { throw .cannotOpenEventLog(path: path, reason: reason) }
    }

    deinit { closeFile() }

    /// Appends one event; nil when written, else why not (the next call tries to reopen).
    @discardableResult
    func append(type: String, time: Double, sensor: String, source: String, body: [String: Any]) -> String? {
        var object: [String: Any] = ["timestamp": Self.timestamp(time), "event_type": type, "sensor": sensor, "source": source]
        object[type] = body
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "event \(type) is not valid JSON" }
        return writeBytes(Array(data) + [0x0A])
    }

    /// Closes the file and opens the path again (a rotation, `SIGHUP`); nil when it worked.
    @discardableResult
    func reopen() -> String? {
        closeFile()
        return openFile()
    }

    /// Closes the file.
    func closeFile() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
    }

    /// RFC 3339 in UTC with microseconds, as Suricata writes them.
    static func timestamp(_ time: Double) -> String { RFC3339.microseconds(time) }

    private func openFile() -> String? {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var info = stat()
        fstat(fd, &info)
        descriptor = fd
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        lastCheck = Date().timeIntervalSince1970
        return nil
    }

    /// Whether the path still names the open file (checked at most once a second).
    private func followRename() {
        let now = Date().timeIntervalSince1970
        guard descriptor < 0 || now - lastCheck >= 1 else { return }
        lastCheck = now
        var info = stat()
        if descriptor >= 0, stat(path, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode { return }
        reopen()
    }

    private func writeBytes(_ bytes: [UInt8]) -> String? {
        followRename()
        guard descriptor >= 0 else { return "not open" }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return String(cString: strerror(errno)) }
            written += result
        }
        return nil
    }
}
