import Foundation
import SentinelCapture
import SentinelTestSupport
import Testing

/// The access-log parsers: exact fields on known lines, errors (never traps) on damaged
/// ones, a seeded fuzz pass, and the real Apache log under `../shared`.
@Suite("Access log parsers")
struct AccessLogParserTests {
    static let combined = #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326 "http://ref/" "Mozilla/4.08""#
    static let haproxy =
        #"haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#
    static let json =
        #"{"time":"2000-10-10T13:55:36-07:00","remote_addr":"127.0.0.1","request":"GET /a.gif HTTP/1.0","status":200,"bytes":2326,"request_time":0.25,"upstream_response_time":"0.001, 0.002","user_agent":"Mozilla/4.08"}"#

    static func record(_ result: Result<AccessLogRecord, LogParseError>) -> AccessLogRecord? {
        if case .success(let record) = result { return record }
        return nil
    }

    static func error(_ result: Result<AccessLogRecord, LogParseError>) -> LogParseError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    // MARK: combined / common

    @Test("combined: every field of the reference line")
    func combinedReference() {
        let record = Self.record(CombinedLogParser().parse(Self.combined))
        #expect(
            record
                == AccessLogRecord(
                    timestamp: 971_211_336, clientAddress: "127.0.0.1", method: "GET", path: "/a.gif", status: 200,
                    bytes: 2326, requestTime: nil, upstreamResponseTime: nil, userAgent: "Mozilla/4.08"))
    }

    @Test("combined with nginx request and upstream times")
    func combinedTimings() {
        let parser = CombinedLogParser()
        let one = Self.record(parser.parse(Self.combined + " 0.123 0.100"))
        #expect(one?.requestTime == 0.123)
        #expect(one?.upstreamResponseTime == 0.1)
        let list = Self.record(parser.parse(Self.combined + " 0.5 0.001, 0.002 : 0.004"))
        #expect(list?.requestTime == 0.5)
        #expect(list.flatMap(\.upstreamResponseTime).map { abs($0 - 0.007) < 1e-12 } == true)
        let dashes = Self.record(parser.parse(Self.combined + " 0.010 -"))
        #expect(dashes?.requestTime == 0.01)
        #expect(dashes != nil && dashes?.upstreamResponseTime == nil)
        let extra = Self.record(parser.parse(Self.combined + #" 0.010 0.002 "10.1.1.1" extra"#))
        #expect(extra?.upstreamResponseTime == 0.002)
        #expect(Self.error(parser.parse(Self.combined + " fast")) == .notANumber(field: "request time", value: "fast"))
    }

    @Test("common format, dash bytes and dash user agent")
    func commonFormat() {
        let parser = CombinedLogParser()
        let common = Self.record(parser.parse(#"::1 - - [29/Feb/2024:23:59:59 +0000] "POST /login HTTP/1.1" 304 -"#))
        #expect(
            common
                == AccessLogRecord(
                    timestamp: 1_709_251_199, clientAddress: "::1", method: "POST", path: "/login", status: 304, bytes: nil))
        let dashAgent = Self.record(parser.parse(#"1.2.3.4 - - [29/Feb/2024:23:59:59 +0000] "GET / HTTP/1.1" 200 0 "-" "-""#))
        #expect(dashAgent?.userAgent == nil && dashAgent?.bytes == 0)
        let noRequest = Self.record(parser.parse(#"1.2.3.4 - - [29/Feb/2024:23:59:59 +0000] "-" 400 0 "-" "-""#))
        #expect(noRequest?.method == "" && noRequest?.path == "-" && noRequest?.status == 400)
        let escaped = Self.record(parser.parse(#"1.2.3.4 - - [29/Feb/2024:23:59:59 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "x""#))
        #expect(escaped?.path == #"/a\"b"#)
    }

    @Test("combined: damaged lines give the right error")
    func combinedErrors() {
        let parser = CombinedLogParser()
        let cases: [(String, LogParseError)] = [
            ("", .emptyLine),
            ("   ", .emptyLine),
            (
                #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0"#,
                .unterminated(mark: "quote", field: "request")
            ),
            (#"127.0.0.1 - frank [10/Oct/2000:13:55"#, .unterminated(mark: "bracket", field: "timestamp")),
            (
                #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" abc 1"#,
                .notANumber(field: "status", value: "abc")
            ),
            (
                #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 12x"#,
                .notANumber(field: "byte count", value: "12x")
            ),
            (#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200"#, .missingField("byte count")),
            (
                #"127.0.0.1 - frank [32/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1"#,
                .badTimestamp("32/Oct/2000:13:55:36 -0700")
            ),
            (
                #"127.0.0.1 - frank [10/Foo/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1"#,
                .badTimestamp("10/Foo/2000:13:55:36 -0700")
            ),
            (#"127.0.0.1 - frank "GET / HTTP/1.0" 200 1"#, .missingField("timestamp")),
            (
                #"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1 "ref" "Mozilla"#,
                .unterminated(mark: "quote", field: "user agent")
            ),
        ]
        for (line, expected) in cases {
            #expect(Self.error(parser.parse(line)) == expected, "\(line)")
        }
        #expect(LogParseError.unterminated(mark: "quote", field: "request").description == "no closing quote of the request")
        #expect(LogParseError.notANumber(field: "status", value: "abc").description == "status is not a number: 'abc'")
    }

    // MARK: HAProxy

    @Test("HAProxy: every field of the reference line, with and without the syslog prefix")
    func haproxyReference() {
        let expected = AccessLogRecord(
            timestamp: 1_233_922_454.655, clientAddress: "10.0.1.2", method: "GET", path: "/index.html", status: 200,
            bytes: 2750, requestTime: 0.109, upstreamResponseTime: 0.069, userAgent: nil)
        let parser = HAProxyHTTPLogParser()
        let bare = Self.haproxy.dropFirst("haproxy[14389]: ".count)
        for line in [Self.haproxy[...], bare, ("Feb  6 12:14:14 localhost " + Self.haproxy)[...]] {
            let record = Self.record(parser.parse(line))
            #expect(record?.clientAddress == expected.clientAddress, "\(line)")
            #expect(record.map { abs($0.timestamp - expected.timestamp) < 1e-6 } == true)
            #expect(record?.status == 200 && record?.bytes == 2750 && record?.path == "/index.html" && record?.method == "GET")
            #expect(record?.requestTime == 0.109 && record?.upstreamResponseTime == 0.069)
        }
    }

    @Test("HAProxy: aborted request, spaces in captures, no captures")
    func haproxyVariants() {
        let parser = HAProxyHTTPLogParser()
        let aborted =
            #"10.0.1.2:1 [06/Feb/2009:12:14:14.655] http-in static/<NOSRV> 5/-1/-1/-1/+5 -1 +0 - - CR-- 1/1/0/0/+0 0/0 {a b c} {} "<BADREQ>""#
        let record = Self.record(parser.parse(aborted))
        #expect(record?.status == -1 && record?.bytes == 0 && record?.method == "" && record?.path == "<BADREQ>")
        #expect(record != nil && record?.upstreamResponseTime == nil && record?.requestTime == 0.005)
        let noCaptures = #"[2001:db8::1]:443 [06/Feb/2009:12:14:14.000] fe be/s 0/0/0/1/2 404 10 - - ---- 1/1/1/1/0 0/0 "HEAD /x HTTP/1.1""#
        let plain = Self.record(parser.parse(noCaptures))
        #expect(plain?.clientAddress == "2001:db8::1" && plain?.status == 404 && plain?.method == "HEAD")
    }

    @Test("HAProxy: damaged lines give the right error")
    func haproxyErrors() {
        let parser = HAProxyHTTPLogParser()
        let line = String(Self.haproxy)
        #expect(Self.error(parser.parse("")) == .emptyLine)
        #expect(Self.error(parser.parse(String(line.dropLast()))) == .unterminated(mark: "quote", field: "request"))
        #expect(
            Self.error(parser.parse(line.replacingOccurrences(of: "10/0/30/69/109", with: "10/0/30")))
                == .notANumber(field: "timers", value: "10/0/30"))
        #expect(
            Self.error(parser.parse(line.replacingOccurrences(of: " 200 ", with: " OK ")))
                == .notANumber(field: "status", value: "OK"))
        #expect(
            Self.error(parser.parse(line.replacingOccurrences(of: "{1wt.eu} {}", with: "{1wt.eu")))
                == .unterminated(mark: "brace", field: "captured headers"))
        #expect(Self.error(parser.parse("haproxy[1]: no date here")) == .missingField("accept date"))
        #expect(Self.error(parser.parse(String(line.prefix(60)))) != nil)
    }

    // MARK: JSON lines

    @Test("JSON lines: default names, ISO time with offset, request split, upstream list summed")
    func jsonReference() {
        let record = Self.record(JSONLinesLogParser().parse(Self.json))
        #expect(record?.timestamp == 971_211_336)
        #expect(record?.clientAddress == "127.0.0.1" && record?.method == "GET" && record?.path == "/a.gif")
        #expect(record?.status == 200 && record?.bytes == 2326 && record?.requestTime == 0.25)
        #expect(record.flatMap(\.upstreamResponseTime).map { abs($0 - 0.003) < 1e-12 } == true)
        #expect(record?.userAgent == "Mozilla/4.08")
    }

    @Test("JSON lines: custom names, epoch time, strings for numbers")
    func jsonCustomNames() {
        var names = JSONLinesLogParser.FieldNames()
        names.time = "ts"
        names.remoteAddress = "ip"
        names.path = "uri"
        names.status = "code"
        let parser = JSONLinesLogParser(fields: names)
        let line = #"{"ts":1700000000.5,"ip":"10.0.0.9","method":"PUT","uri":"/v1/x","code":"201","bytes":"-","request_time":"0.004"}"#
        #expect(
            Self.record(parser.parse(line))
                == AccessLogRecord(
                    timestamp: 1_700_000_000.5, clientAddress: "10.0.0.9", method: "PUT", path: "/v1/x", status: 201,
                    bytes: nil, requestTime: 0.004))
        let zulu = #"{"ts":"2015-05-17T10:05:03.250Z","ip":"1.1.1.1","uri":"/","code":200}"#
        #expect(Self.record(parser.parse(zulu))?.timestamp == 1_431_857_103.25)
    }

    @Test("JSON lines: damaged lines give the right error")
    func jsonErrors() {
        let parser = JSONLinesLogParser()
        #expect(Self.error(parser.parse("")) == .emptyLine)
        #expect(Self.error(parser.parse(String(Self.json.dropLast(5)))) == .badJSON("malformed JSON"))
        #expect(Self.error(parser.parse("[1,2]")) == .badJSON("not an object"))
        #expect(Self.error(parser.parse(#"{"remote_addr":"a","path":"/","status":200}"#)) == .missingField("time"))
        #expect(
            Self.error(parser.parse(#"{"time":"yesterday","remote_addr":"a","path":"/","status":200}"#))
                == .badTimestamp("yesterday"))
        #expect(
            Self.error(parser.parse(#"{"time":1,"remote_addr":"a","path":"/","status":"abc"}"#))
                == .notANumber(field: "status", value: "abc"))
        #expect(
            Self.error(parser.parse(#"{"time":1,"remote_addr":"a","status":200}"#))
                == .missingField("path or request"))
    }

    @Test("JSON lines: an epoch time no clock gives (1e30, -1e30, beyond year 9999) is a bad timestamp, not a record")
    func jsonImplausibleTime() {
        let parser = JSONLinesLogParser()
        for time in ["1e30", "-1e30", "\"1e30\"", "253402300800", "-1", "1.7976931348623157e308"] {
            let line = #"{"time":"# + time + #","remote_addr":"a","path":"/","status":200}"#
            guard case .badTimestamp = Self.error(parser.parse(line)) else {
                Issue.record("time \(time): \(parser.parse(line))")
                continue
            }
        }
        #expect(Self.record(parser.parse(#"{"time":253402300799,"remote_addr":"a","path":"/","status":200}"#)) != nil)
    }

    // MARK: robustness

    static let parsers: [(String, any AccessLogParser, String)] = [
        ("combined", CombinedLogParser(), combined + " 0.123 0.001, 0.002"),
        ("haproxy", HAProxyHTTPLogParser(), haproxy),
        ("json", JSONLinesLogParser(), json),
    ]

    @Test("every prefix of a valid line, garbage bytes and a huge line give errors, not traps")
    func truncationAndGarbage() {
        for (name, parser, line) in Self.parsers {
            let bytes = Array(line.utf8)
            var failures = 0
            for length in 0..<bytes.count {
                let prefix = String(decoding: bytes[..<length], as: UTF8.self)
                if case .failure = parser.parse(prefix) { failures += 1 }
            }
            // Combined lines end in optional fields, so some prefixes are themselves valid lines.
            #expect(failures >= bytes.count / 2, "\(name): \(failures) of \(bytes.count) prefixes refused")
            let garbage = String(decoding: (0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }, as: UTF8.self)
            #expect(Self.error(parser.parse(garbage)) != nil, "\(name)")
            let huge = String(repeating: "A", count: 2_000_000)
            #expect(Self.error(parser.parse(huge)) != nil, "\(name)")
            let hugeValid = line.replacingOccurrences(of: "/a.gif", with: "/" + huge)
                .replacingOccurrences(of: "/index.html", with: "/" + huge)
            #expect(Self.record(parser.parse(hugeValid)) != nil, "\(name): a valid line with a 2 MB path")
        }
    }

    @Test("seeded fuzz: random mutations of valid lines never trap")
    func fuzz() {
        var random = SeededGenerator(seed: 0x10_6A_11)
        let alphabet = Array(#" "[]{}/:.-+,0123456789aZ\"#.utf8) + [0, 0xFF, 0xC3, 0x0A]
        for (name, parser, line) in Self.parsers {
            let original = Array(line.utf8)
            var parsed = 0, refused = 0
            for _ in 0..<3_000 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    guard !bytes.isEmpty else { break }
                    let at = Int.random(in: 0..<bytes.count, using: &random)
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0: bytes[at] = alphabet.randomElement(using: &random)!
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                    default: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &random)))
                    }
                }
                switch parser.parse(String(decoding: bytes, as: UTF8.self)) {
                case .success: parsed += 1
                case .failure(let error): refused += 1; #expect(!error.description.isEmpty)
                }
            }
            print("fuzz \(name): \(parsed) parsed, \(refused) refused of 3000 mutants")
            #expect(parsed + refused == 3_000)
        }
    }

    // MARK: real log

    static var apacheLogPath: String { "\(SharedData.path)/logs-real/apache_combined.log" }

    @Test("the real Apache combined log parses", .enabled(if: SharedData.isAvailable, "needs ../shared"))
    func realApacheLog() throws {
        let text = try String(contentsOfFile: Self.apacheLogPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let parser = CombinedLogParser()
        var parsed = 0
        var failures: [String] = []
        for (number, line) in lines.enumerated() {
            switch parser.parse(line) {
            case .success: parsed += 1
            case .failure(let error): failures.append("line \(number + 1): \(error)")
            }
        }
        print("apache_combined.log: \(parsed) of \(lines.count) lines parse; failures: \(failures)")
        #expect(lines.count == 10_000)
        // One line's user agent was cut off in the source data (no closing quote).
        #expect(failures.count <= 1, "\(failures)")

        // Parse speed: the 10k lines ×20 (debug or release, whatever this test was built as).
        let start = ContinuousClock.now
        var total = 0
        for _ in 0..<20 {
            for line in lines { if case .success = parser.parse(line) { total += 1 } }
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        print("combined parse speed: \(Int(Double(lines.count * 20) / seconds)) lines/s (\(total) parsed in \(seconds) s)")
    }
}
