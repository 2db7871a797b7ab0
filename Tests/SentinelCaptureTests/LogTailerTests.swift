import Foundation
import SentinelCapture
import SentinelTestSupport
import Testing

/// `LogTailer` on real files in a temporary directory: partial lines, rotation by rename and
/// by copytruncate, resuming from a saved position, and a file that appears late.
@Suite("Log tailer")
struct LogTailerTests {
    /// Appends `text` to the file at `path` (creating it), as a log writer would.
    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Truncates the file at `path` to zero bytes in place (same inode).
    static func truncate(_ path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
    }

    /// Runs `body` with a fresh directory and the path of `access.log` in it (not created).
    static func withLog(_ body: (TemporaryDirectory, String) throws -> Void) throws {
        try TemporaryDirectory.with { directory in try body(directory, directory.file("access.log")) }
    }

    /// Appends `text` to `path` and reads the file from its start as a sentinel that then
    /// stops: expects `lines`, and returns the position it would have saved.
    static func readThenStop(_ path: String, after text: String, expecting lines: [String]) throws -> LogPosition? {
        try append(text, to: path)
        let tailer = LogTailer(path: path)
        #expect(try tailer.readAvailable() == lines)
        return tailer.position
    }

    /// Adds what `tailer` reads to `lines` until they are `count` or 5 s have passed.
    static func read(_ tailer: LogTailer, into lines: inout [String], until count: Int) throws {
        let deadline = Date().addingTimeInterval(5)
        while lines.count < count, Date() < deadline {
            lines += try tailer.readAvailable()
            usleep(50_000)
        }
    }

    @Test("complete lines only: a partial line waits for its newline")
    func partialLines() throws {
        try Self.withLog { directory, path in
            try Self.append("one\ntwo\r\nthr", to: path)
            let tailer = LogTailer(path: path)
            #expect(try tailer.readAvailable() == ["one", "two"])
            #expect(try tailer.readAvailable() == [])
            try Self.append("ee\nfour\n", to: path)
            #expect(try tailer.readAvailable() == ["three", "four"])
            #expect(tailer.position?.offset == Int64("one\ntwo\r\nthree\nfour\n".utf8.count))
        }
    }

    @Test("maxLines limits a call; the rest comes next")
    func maxLines() throws {
        try Self.withLog { directory, path in
            try Self.append((1...5).map { "line \($0)\n" }.joined(), to: path)
            let tailer = LogTailer(path: path)
            #expect(try tailer.readAvailable(maxLines: 2) == ["line 1", "line 2"])
            #expect(tailer.position?.offset == Int64("line 1\nline 2\n".utf8.count))
            #expect(try tailer.readAvailable(maxLines: 2) == ["line 3", "line 4"])
            #expect(try tailer.readAvailable() == ["line 5"])
        }
    }

    @Test("rotation by rename: the old file is finished, then the new one read from 0")
    func renameRotation() throws {
        try Self.withLog { directory, path in
            try Self.append("a1\n", to: path)
            // Moving on as soon as the new file appears (the drain of a late writer is tested below).
            let tailer = LogTailer(path: path, drainQuiet: 0)
            #expect(try tailer.readAvailable() == ["a1"])
            try Self.append("a2\n", to: path)
            try FileManager.default.moveItem(atPath: path, toPath: directory.file("access.log.1"))
            // The writer still has the old file open until it reopens.
            try Self.append("a3\n", to: directory.file("access.log.1"))
            #expect(try tailer.readAvailable() == ["a2", "a3"], "renamed away, no new file yet: keep following the old one")
            try Self.append("a4\n", to: directory.file("access.log.1"))
            try Self.append("b1\nb2\n", to: path)
            #expect(try tailer.readAvailable() == ["a4", "b1", "b2"])
            try Self.append("b3\n", to: path)
            #expect(try tailer.readAvailable() == ["b3"])
        }
    }

    @Test("rotation by rename with a writer that reopens late: the old file is drained before the new one (issue 16)")
    func renameWithLateWriter() throws {
        try Self.withLog { directory, path in
            let rotated = directory.file("access.log.1")
            try Self.append("a1\n", to: path)
            let tailer = LogTailer(path: path, drainQuiet: 0.5, drainDeadline: 10)
            #expect(try tailer.readAvailable() == ["a1"])
            // logrotate renames and creates the new file; nginx writes on to the old one until it
            // reopens (0.5 s later, on its signal).
            try FileManager.default.moveItem(atPath: path, toPath: rotated)
            try Self.append("a2\n", to: rotated)
            try Self.append("b1\n", to: path)
            var lines = try tailer.readAvailable()
            try Self.append("a3\n", to: rotated)
            usleep(200_000)
            lines += try tailer.readAvailable()
            try Self.append("a4\n", to: rotated)
            try Self.append("b2\n", to: path)
            try Self.read(tailer, into: &lines, until: 5)
            #expect(lines == ["a2", "a3", "a4", "b1", "b2"], "\(lines)")
            try Self.append("b3\n", to: path)
            #expect(try tailer.readAvailable() == ["b3"])
        }
    }

    @Test("rotated while stopped: the rest of the old file comes from the saved position, then the new file (issue 16)")
    func rotatedWhileStopped() throws {
        try Self.withLog { directory, path in
            let saved = try Self.readThenStop(path, after: "a1\na2\n", expecting: ["a1", "a2"])
            // While the sentinel is stopped: more lines, then logrotate renames and a new file starts.
            try Self.append("a3\na4\n", to: path)
            try FileManager.default.moveItem(atPath: path, toPath: directory.file("access.log.1"))
            try Self.append("b1\n", to: path)
            let resumed = LogTailer(path: path, resumeFrom: saved, drainQuiet: 0.2)
            var lines: [String] = []
            try Self.read(resumed, into: &lines, until: 3)
            #expect(lines == ["a3", "a4", "b1"], "\(lines)")
        }
    }

    @Test("rotation by copytruncate: reading restarts at 0")
    func copyTruncate() throws {
        try Self.withLog { directory, path in
            try Self.append("old line 1\nold line 2\n", to: path)
            let tailer = LogTailer(path: path)
            #expect(try tailer.readAvailable() == ["old line 1", "old line 2"])
            let inode = tailer.position?.inode
            try FileManager.default.copyItem(atPath: path, toPath: directory.file("access.log.1"))
            try Self.truncate(path)
            try Self.append("new\n", to: path)
            #expect(try tailer.readAvailable() == ["new"])
            #expect(tailer.position?.inode == inode)
            #expect(tailer.position?.offset == 4)
        }
    }

    @Test("resuming from a saved position repeats no line")
    func resume() throws {
        try Self.withLog { directory, path in
            let saved = try Self.readThenStop(path, after: "1\n2\n3", expecting: ["1", "2"])
            try Self.append("\n4\n", to: path)
            let resumed = LogTailer(path: path, resumeFrom: saved)
            #expect(resumed.position == saved, "before opening, the saved position stands")
            #expect(try resumed.readAvailable() == ["3", "4"])

            // A position from another file (rotated while stopped): start at 0 of the current file.
            try FileManager.default.removeItem(atPath: path)
            try Self.append("fresh\n", to: path)
            let other = LogTailer(path: path, resumeFrom: LogPosition(device: saved!.device, inode: saved!.inode &+ 12_345, offset: 2))
            #expect(try other.readAvailable() == ["fresh"])
            // A position past the end (truncated while stopped): start at 0 too.
            let current = try #require(other.position)
            let past = LogTailer(path: path, resumeFrom: LogPosition(device: current.device, inode: current.inode, offset: 1_000))
            #expect(try past.readAvailable() == ["fresh"])
        }
    }

    @Test("a missing file is waited for")
    func missingFile() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("later.log")
            let tailer = LogTailer(path: path)
            #expect(try tailer.readAvailable() == [])
            #expect(tailer.position == nil)
            #expect(try LogTailer(path: directory.file("no/such/dir.log")).readAvailable() == [])
            try Self.append("hello\n", to: path)
            #expect(try tailer.readAvailable() == ["hello"])
        }
    }

    @Test("a directory is refused with an error")
    func directoryRefused() {
        TemporaryDirectory.with { directory in
            #expect(throws: LogTailerError.notRegularFile(path: directory.path)) {
                try LogTailer(path: directory.path).readAvailable()
            }
        }
    }

    @Test("a line longer than maxLineBytes comes in pieces; many lines across chunk edges")
    func longLines() throws {
        try Self.withLog { directory, path in
            try Self.append(String(repeating: "x", count: 25) + "\nshort\n", to: path)
            let tailer = LogTailer(path: path, maxLineBytes: 10)
            #expect(try tailer.readAvailable() == ["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx", "short"])

            let many = (0..<20_000).map { "request number \($0) with some padding" }
            try Self.append(many.joined(separator: "\n") + "\n", to: directory.file("big.log"))
            #expect(try LogTailer(path: directory.file("big.log")).readAvailable() == many)
        }
    }
}
