import Foundation
import Logging
import Testing

@testable import SentinelRuntime

@Suite("The operational log's lines")
struct OperatorLogLineTests {
    static let date = Date(timeIntervalSince1970: 1_764_970_800.25)

    @Test("text: time, level, message, then sorted fields; spaces, quotes and line breaks never split a line")
    func text() {
        let line = OperatorLogLine.text(
            date: Self.date, level: .warning, label: "sentinel", message: "incident opened\nsecond line",
            metadata: ["target": "/var/log/a b.log", "class": "syn_flood", "why": "say \"hi\"\nthere"])
        #expect(
            line
                == #"2025-12-05T21:40:00.250Z warning incident opened\nsecond line class=syn_flood target="/var/log/a b.log" why="say \"hi\"\nthere""#,
            "\(line)")
        #expect(!line.contains("\n"))
        let other = OperatorLogLine.text(date: Self.date, level: .error, label: "Hummingbird", message: "x", metadata: [:])
        #expect(other == "2025-12-05T21:40:00.250Z error [Hummingbird] x")
    }

    @Test("text under journald: a <N> syslog priority instead of time and level; no colour codes")
    func journal() {
        let levels: [(Logger.Level, Int)] = [(.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2)]
        for (level, priority) in levels {
            let line = OperatorLogLine.text(date: nil, level: level, label: "sentinel", message: "m", metadata: ["k": "v"], journal: true)
            #expect(line == "<\(priority)>m k=v")
        }
        let coloured = OperatorLogLine.text(date: Self.date, level: .info, label: "sentinel", message: "m", metadata: [:], colour: true)
        #expect(coloured.contains("\u{1B}[32minfo\u{1B}[0m"))
    }

    @Test("json: one object per line with timestamp, level, logger, message and the fields, numbers as numbers")
    func json() throws {
        let line = OperatorLogLine.json(
            date: Self.date, level: .notice, label: "sentinel", message: "stopped\nnow",
            metadata: ["windows": .stringConvertible(12), "path": "/a b", "list": .array(["x", "y"])])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2025-12-05T21:40:00.250Z")
        #expect(object["level"] as? String == "notice" && object["logger"] as? String == "sentinel")
        #expect(object["message"] as? String == "stopped\nnow" && object["path"] as? String == "/a b")
        #expect(object["windows"] as? Int == 12 && object["list"] as? [String] == ["x", "y"])
    }

    @Test("the journal is recognised only when JOURNAL_STREAM names this very descriptor")
    func journalStream() throws {
        var info = stat()
        let pipe = Pipe()
        let fd = pipe.fileHandleForWriting.fileDescriptor
        #expect(fstat(fd, &info) == 0)
        #expect(OperatorLog.isJournal(descriptor: fd, stream: "\(info.st_dev):\(info.st_ino)"))
        #expect(!OperatorLog.isJournal(descriptor: fd, stream: "\(info.st_dev):\(info.st_ino + 1)"))
        #expect(!OperatorLog.isJournal(descriptor: fd, stream: nil))
        #expect(!OperatorLog.isJournal(descriptor: fd, stream: "junk"))
    }
}
