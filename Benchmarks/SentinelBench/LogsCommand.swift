import ArgumentParser
import Foundation
import SentinelCapture
import SentinelDetection

#if canImport(Glibc)
    import Glibc
#endif

/// Everything `logs` measured on one access log.
struct LogsReport: Codable {
    var file: String
    var bytes: Int
    var lines: Int
    var format: String
    var repeats: Int
    /// Splitting the in-memory text into lines only (the floor under the parse figure).
    var splitOnly: Throughput
    /// Splitting and parsing every line with the format's parser.
    var parse: Throughput
    /// Lines the parser read / refused.
    var parsed: Int
    var refused: Int
    /// `LogAnalysis.run(paths:)`: read the file, parse, window features.
    var analysis: Throughput
    var windows: Int
    var lateRecords: Int
    /// `wc -l FILE` and `awk '{n++} END {print n}' FILE`, launch to exit.
    var wc: Throughput
    var awk: Throughput
}

/// One timed measurement (best of the repeats).
struct Throughput: Codable {
    var seconds: Double
    var linesPerSecond: Double
    /// Megabytes (10^6 bytes) per second.
    var megabytesPerSecond: Double
    /// Every repeat's seconds, in order.
    var allSeconds: [Double]
}

/// `logs FILE...`: access-log parsing speed, the whole log analysis, and `wc -l`/`awk` for scale.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Measure access-log parsing and the offline log analysis against wc -l and awk.",
        discussion: """
            Each file is read whole into memory first (this also warms the page cache). Then, \
            best of --repeat rounds: split only (the text cut into lines, nothing parsed); parse \
            (cut into lines and every line parsed by the parser of the file's format: \
            CombinedLogParser, HAProxyHTTPLogParser or JSONLinesLogParser, picked by \
            LogFormat.detect on the first 20 lines unless --format is given); the whole offline \
            analysis, LogAnalysis.run(paths:) (reads the file in 1 MiB chunks, parses, builds \
            1 s window features); and, as child processes timed from launch to exit, `wc -l FILE` \
            and `awk '{n++} END {print n}' FILE` (posix_spawn to waitpid). MB is 10^6 bytes.
            """
    )

    @Argument(help: "Access logs (combined/common, HAProxy httplog or JSON lines).")
    var files: [String]

    @Option(name: .customLong("repeat"), help: "Rounds; the best of each measurement is reported.")
    var repeats: Int = 3

    @Option(name: .long, help: "auto, combined, haproxy or json.")
    var format: String = "auto"

    @Flag(name: .long, help: "Print the figures as JSON instead of a table.")
    var json = false

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard LogFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of \(LogFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read \(file)")
        }
    }

    func run() throws {
        var reports: [LogsReport] = []
        for file in files { reports.append(try measure(file)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        } else {
            print(reports.map(Self.table).joined(separator: "\n\n"))
        }
    }

    private func measure(_ file: String) throws -> LogsReport {
        log("\(file): reading into memory…")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
        let bytes = text.utf8.count
        var chosen = LogFormat(rawValue: format)!
        if chosen == .auto {
            var sample: [Substring] = []
            for line in text.utf8.prefix(1 << 16).split(separator: UInt8(ascii: "\n")).prefix(20) {
                sample.append(Self.trimmed(Substring(line)))
            }
            guard let detected = LogFormat.detect(sample) else {
                throw ValidationError("\(file): no known access-log format reads its first lines; give --format")
            }
            chosen = detected
        }
        var split: [Double] = [], parse: [Double] = [], analysis: [Double] = [], wc: [Double] = [], awk: [Double] = []
        var lines = 0, parsed = 0, refused = 0, windows = 0, late = 0
        for round in 1...repeats {
            log("\(file): round \(round)/\(repeats): split, parse (\(chosen.rawValue)), analysis, wc, awk…")
            var start = Measure.now()
            lines = Self.splitOnly(text)
            split.append(Measure.now() - start)

            start = Measure.now()
            let counts: (parsed: Int, refused: Int)
            switch chosen {
            case .combined, .auto: counts = Self.parseAll(text, with: CombinedLogParser())
            case .haproxy: counts = Self.parseAll(text, with: HAProxyHTTPLogParser())
            case .json, .caddy, .traefik, .envoy:
                counts = Self.parseAll(text, with: JSONLinesLogParser(fields: chosen.fieldNames ?? .nginx))
            }
            parse.append(Measure.now() - start)
            (parsed, refused) = counts

            start = Measure.now()
            let result = try LogAnalysis.run(paths: [file], format: chosen)
            analysis.append(Measure.now() - start)
            windows = result.summary.windows
            late = result.summary.lateRecords

            wc.append(try child("/usr/bin/wc", ["-l", file]))
            awk.append(try child("/usr/bin/awk", ["{n++} END {print n}", file]))
        }
        func best(_ runs: [Double]) -> Throughput {
            let s = runs.min()!
            return Throughput(
                seconds: s, linesPerSecond: Double(lines) / s,
                megabytesPerSecond: Double(bytes) / 1e6 / s, allSeconds: runs)
        }
        return LogsReport(
            file: file, bytes: bytes, lines: lines, format: chosen.rawValue, repeats: repeats,
            splitOnly: best(split), parse: best(parse), parsed: parsed, refused: refused,
            analysis: best(analysis), windows: windows, lateRecords: late,
            wc: best(wc), awk: best(awk))
    }

    /// The text table for one report.
    static func table(_ r: LogsReport) -> String {
        func row(_ name: String, _ t: Throughput) -> String {
            name.padding(toLength: 34, withPad: " ", startingAt: 0) + t.seconds.fixed(3).leftPad(9)
                + Int(t.linesPerSecond.rounded()).grouped.leftPad(14) + t.megabytesPerSecond.fixed(1).leftPad(9)
        }
        return """
            \(r.file): \(r.lines.grouped) lines, \((Double(r.bytes) / 1e6).fixed(1)) MB, format \(r.format), best of \(r.repeats)
            \("measurement".padding(toLength: 34, withPad: " ", startingAt: 0))\("seconds".leftPad(9))\("lines/s".leftPad(14))\("MB/s".leftPad(9))
            \(row("split into lines only", r.splitOnly))
            \(row("(a) split + parse", r.parse))
            \(row("(b) LogAnalysis.run (file)", r.analysis))
            \(row("wc -l", r.wc))
            \(row("awk '{n++} END {print n}'", r.awk))
            parsed \(r.parsed.grouped), refused \(r.refused.grouped); analysis: \(r.windows.grouped) windows, \(r.lateRecords.grouped) late records
            parse ÷ awk: \((r.parse.linesPerSecond / r.awk.linesPerSecond).fixed(2))×, analysis ÷ awk: \((r.analysis.linesPerSecond / r.awk.linesPerSecond).fixed(2))×, parse ÷ wc -l: \((r.parse.linesPerSecond / r.wc.linesPerSecond).fixed(2))×
            """
    }

    /// Cuts `text` into non-empty lines (without `\r`), the way the parse loop does; returns the count.
    static func splitOnly(_ text: String) -> Int {
        var n = 0, sink = 0
        forEachLine(text) { line in
            n += 1
            sink &+= line.utf8.count
        }
        if sink == 0x5eed_5eed { print("") }  // keeps `sink` alive
        return n
    }

    /// Parses every non-empty line of `text` with a concrete parser (no existential dispatch).
    static func parseAll<P: AccessLogParser>(_ text: String, with parser: P) -> (parsed: Int, refused: Int) {
        var parsed = 0, refused = 0, sink = 0
        forEachLine(text) { line in
            switch parser.parse(line) {
            case .success(let record):
                parsed += 1
                sink &+= record.status &+ (record.bytes ?? 0) &+ record.path.utf8.count &+ record.clientAddress.utf8.count
            case .failure:
                refused += 1
            }
        }
        if sink == 0x5eed_5eed { print("") }  // keeps `sink` alive
        return (parsed, refused)
    }

    /// Calls `body` with every non-empty line of `text`, without its `\n` or `\r\n`, as a
    /// Substring of `text` (no copy): newlines are found with memchr over the UTF-8 bytes.
    static func forEachLine(_ text: String, _ body: (Substring) -> Void) {
        var bytes = text  // a second reference to the same storage, for withUTF8
        let utf8 = text.utf8
        bytes.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
                let newline = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                var end = newline
                if end > start && base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end > start {
                    body(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
                }
                start = newline + 1
            }
        }
    }

    private static func trimmed(_ line: Substring) -> Substring {
        line.utf8.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    /// Runs `path arguments…` with its output sent to /dev/null and returns the wall-clock
    /// seconds from spawn to exit. posix_spawn + waitpid, not `Process`: Foundation's
    /// `waitUntilExit` notices the exit only on a ~50 ms poll, which is longer than `wc -l`
    /// takes on these files.
    private func child(_ path: String, _ arguments: [String]) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = Measure.now()
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ValidationError("cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Measure.now() - start
        guard status == 0 else { throw ValidationError("\(path) exited with wait status \(status)") }
        return seconds
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data("sentinel-bench: \(text)\n".utf8))
    }
}
