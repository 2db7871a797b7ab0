#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows one access-log file as it grows, like `tail -F`, by polling: each
/// `readAvailable(maxLines:)` returns the complete lines written since the last call.
///
/// - A partial last line (no newline yet) is held back until its newline arrives.
/// - Rotation by rename: when the path names a new file (device or inode changed), the old
///   file is still read until it has been quiet for `drainQuiet` seconds (a writer such as
///   nginx keeps writing to it until it reopens its log, a little later) or `drainDeadline`
///   seconds have passed; then a final line without a newline is returned as is, and the
///   new file is read from offset 0.
/// - Rotation by copytruncate: when the file shrinks below the offset read, reading restarts
///   at 0. (As with any poller, if the file regrows past the old offset between two polls,
///   the truncation goes unnoticed and those lines are missed.)
/// - A missing file is waited for: calls return no lines until it appears.
/// - `position` can be saved and passed to `init(path:resumeFrom:)`. If the file it names
///   was rotated away while nobody read it and still sits beside the path under a rotated
///   name (`access.log.1`, `access.log-20261205`), the rest of it is read first, then the
///   file now at the path, as after any rename. If it names no such file, or lies past its
///   end, reading starts at 0 of the file at the path.
///
/// Lines are decoded as UTF-8 (invalid bytes become U+FFFD); a `\r` before the newline is
/// dropped. A line longer than `maxLineBytes` is returned in pieces of that size. Not
/// thread-safe: use one tailer from one task at a time.
public final class LogTailer {
    /// The path followed.
    public let path: String
    /// The longest line returned whole; longer ones are split.
    public let maxLineBytes: Int
    /// After a rename, how long the old file must stay quiet before the new one is read.
    public let drainQuiet: Double
    /// After a rename, the longest the old file is still read.
    public let drainDeadline: Double

    private var descriptor: Int32 = -1
    private var device: UInt64 = 0
    private var inode: UInt64 = 0
    /// The file offset of the next `pread`.
    private var readOffset: Int64 = 0
    /// Bytes read but not yet returned (a partial line), starting at `readOffset - pending.count`.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var resumeFrom: LogPosition?
    /// When bytes were last read (monotonic seconds).
    private var lastGrowth: Double = 0
    /// When a new file was first seen at the path while the old one is still being drained.
    private var successorSeen: Double?

    /// Creates a tailer; nothing is opened until the first `readAvailable(maxLines:)`.
    /// - Parameters:
    ///   - path: The log file to follow (it need not exist yet).
    ///   - resumeFrom: A `position` saved earlier, to continue without re-reading lines.
    ///   - maxLineBytes: The longest line returned whole (default 1 MiB).
    ///   - drainQuiet: After a rename, the seconds without a new byte in the old file before
    ///     moving to the new one (default 1; 0 moves at once).
    ///   - drainDeadline: After a rename, the most seconds the old file is still read (default 10).
    public init(
        path: String, resumeFrom: LogPosition? = nil, maxLineBytes: Int = 1 << 20,
        drainQuiet: Double = 1, drainDeadline: Double = 10
    ) {
        self.path = path
        self.resumeFrom = resumeFrom
        self.maxLineBytes = max(1, maxLineBytes)
        self.drainQuiet = max(0, drainQuiet)
        self.drainDeadline = max(0, drainDeadline)
    }

    deinit { closeFile() }

    /// The position at the current end of the file at `path` (to follow only what is written
    /// from now on, like `tail -F`), or nil when there is no regular file there.
    public static func endPosition(of path: String) -> LogPosition? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return LogPosition(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), offset: Int64(info.st_size))
    }

    /// How far the returned lines go: save it to resume later. Before the file is first
    /// opened, this is the position given at `init` (nil if none).
    public var position: LogPosition? {
        guard descriptor >= 0 else { return resumeFrom }
        return LogPosition(device: device, inode: inode, offset: readOffset - Int64(pending.count - pendingStart))
    }

    /// Returns the complete lines available now (without their newlines), at most
    /// `maxLines`; never waits. Lines not returned because of `maxLines` come next call.
    /// - Throws: `LogTailerError` when the path exists but cannot be opened or read.
    public func readAvailable(maxLines: Int = .max) throws -> [String] {
        var lines: [String] = []
        guard maxLines > 0 else { return lines }
        if descriptor < 0 {
            guard try openFile() else { return lines }
        }
        while lines.count < maxLines {
            takeLines(into: &lines, max: maxLines)
            if lines.count >= maxLines { break }
            if try readChunk() { continue }
            // At the end of what is there: has the file been truncated or replaced?
            var info = stat()
            if fstat(descriptor, &info) == 0, Int64(info.st_size) < readOffset {
                readOffset = 0
                clearPending()
                continue
            }
            var atPath = stat()
            guard stat(path, &atPath) == 0 else { break }  // renamed away, no successor yet
            if UInt64(atPath.st_dev) == device, UInt64(atPath.st_ino) == inode { break }
            // Replaced. The writer may not have reopened yet: keep draining the old file until
            // it has been quiet for `drainQuiet` since the new one appeared, or the deadline.
            let now = Self.monotonicNow()
            let seen = successorSeen ?? now
            successorSeen = seen
            if now - max(lastGrowth, seen) < drainQuiet, now - seen < drainDeadline { break }
            // The old file is finished (read to its end above).
            if pendingStart < pending.count {
                lines.append(decode(pending[pendingStart...]))
                clearPending()
            }
            closeFile()
            guard try openFile() else { break }
        }
        return lines
    }

    /// Opens the file at `path`, placing the offset from `resumeFrom` when it applies.
    /// Returns false when the file does not exist (yet).
    private func openFile() throws -> Bool {
        if let saved = resumeFrom, resumeRotated(saved) { return true }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return false }
            throw LogTailerError.cannotOpen(path: path, reason: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw LogTailerError.cannotOpen(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw LogTailerError.notRegularFile(path: path)
        }
        descriptor = fd
        successorSeen = nil
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        readOffset = 0
        clearPending()
        if let saved = resumeFrom, saved.device == device, saved.inode == inode,
            saved.offset >= 0, saved.offset <= Int64(info.st_size)
        {
            readOffset = saved.offset
        }
        resumeFrom = nil
        return true
    }

    /// Opens the file `saved` names at its offset when it is no longer the one at `path` but
    /// was rotated to a name beside it (`<name>.<suffix>` or `<name>-<suffix>`); false if not.
    private func resumeRotated(_ saved: LogPosition) -> Bool {
        var atPath = stat()
        if stat(path, &atPath) == 0, UInt64(atPath.st_dev) == saved.device, UInt64(atPath.st_ino) == saved.inode {
            return false  // not rotated: the ordinary resume
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let listing = opendir(directory.isEmpty ? "/" : directory) else { return false }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(base + ".") || name.hasPrefix(base + "-") else { continue }
            let candidate = directory + "/" + name
            var info = stat()
            guard stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                UInt64(info.st_dev) == saved.device, UInt64(info.st_ino) == saved.inode,
                saved.offset >= 0, saved.offset <= Int64(info.st_size)
            else { continue }
            let fd = open(candidate, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { continue }
            descriptor = fd
            successorSeen = nil
            device = saved.device
            inode = saved.inode
            clearPending()
            readOffset = saved.offset
            resumeFrom = nil
            return true
        }
        return false
    }

    private func closeFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    private func clearPending() {
        pending.removeAll(keepingCapacity: true)
        pendingStart = 0
    }

    /// Reads what follows `readOffset` into `pending`; false at the end of the file.
    private func readChunk() throws -> Bool {
        if pendingStart > 0 {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
        let chunk = 64 * 1024
        let oldCount = pending.count
        pending.append(contentsOf: repeatElement(0, count: chunk))
        var got = 0
        while true {
            got = pending.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + oldCount, chunk, off_t(readOffset))
            }
            if got < 0, errno == EINTR { continue }
            break
        }
        if got < 0 {
            let reason = String(cString: strerror(errno))
            pending.removeLast(chunk)
            throw LogTailerError.readFailed(path: path, reason: reason)
        }
        pending.removeLast(chunk - got)
        readOffset += Int64(got)
        if got > 0 { lastGrowth = Self.monotonicNow() }
        return got > 0
    }

    /// Seconds on the monotonic clock (immune to wall-clock jumps).
    private static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Moves complete lines from `pending` to `lines`.
    private func takeLines(into lines: inout [String], max: Int) {
        while lines.count < max, pendingStart < pending.count {
            let end = pending.count
            var newline = pendingStart
            let limit = Swift.min(end, pendingStart + maxLineBytes)
            while newline < limit, pending[newline] != 0x0A { newline += 1 }
            if newline < end, pending[newline] == 0x0A {
                var lineEnd = newline
                if lineEnd > pendingStart, pending[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                lines.append(decode(pending[pendingStart..<lineEnd]))
                pendingStart = newline + 1
            } else if limit - pendingStart >= maxLineBytes {
                lines.append(decode(pending[pendingStart..<limit]))
                pendingStart = limit
            } else {
                break
            }
        }
    }

    private func decode(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
