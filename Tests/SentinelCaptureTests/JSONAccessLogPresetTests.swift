import Foundation
import SentinelCapture
import Testing

/// The JSON access-log presets, each on a line written in that server's documented schema.
@Suite("JSON access-log presets: Caddy, Traefik, Envoy")
struct JSONAccessLogPresetTests {
    /// Caddy v2's `http.log.access` entry (`log { format json }`), as its documentation shows one:
    /// `ts` in epoch seconds, the request nested, headers as lists, `duration` in seconds.
    static let caddy =
        #"{"level":"info","ts":1646861401.5241024,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"203.0.113.9","remote_port":"41342","client_ip":"203.0.113.9","proto":"HTTP/2.0","method":"GET","host":"localhost","uri":"/shop?page=2","headers":{"User-Agent":["curl/7.82.0"],"Accept":["*/*"]},"tls":{"resumed":false,"version":772,"cipher_suite":4865,"proto":"h2","server_name":"example.com"}},"bytes_read":0,"user_id":"","duration":0.000929675,"size":10900,"status":200,"resp_headers":{"Server":["Caddy"],"Content-Type":["text/html; charset=utf-8"]}}"#

    /// Traefik's JSON access log (`accessLog.format: json`) with its documented field names;
    /// `Duration`/`OriginDuration` in nanoseconds, the kept User-Agent header as `request_User-Agent`.
    static let traefik =
        #"{"ClientAddr":"198.51.100.4:53412","ClientHost":"198.51.100.4","ClientPort":"53412","ClientUsername":"-","DownstreamContentSize":612,"DownstreamStatus":503,"Duration":1482370000,"OriginContentSize":612,"OriginDuration":1321690000,"OriginStatus":503,"Overhead":160680,"RequestAddr":"shop.example.com","RequestContentSize":0,"RequestCount":5,"RequestHost":"shop.example.com","RequestMethod":"POST","RequestPath":"/cart","RequestPort":"-","RequestProtocol":"HTTP/1.1","RequestScheme":"https","RetryAttempts":0,"RouterName":"shop@docker","ServiceAddr":"172.17.0.3:80","ServiceName":"shop@docker","StartLocal":"2024-03-01T13:00:00.250+01:00","StartUTC":"2024-03-01T12:00:00.25Z","entryPointName":"websecure","level":"info","msg":"","request_User-Agent":"Mozilla/5.0","time":"2024-03-01T13:00:01+01:00"}"#

    /// Envoy's default command operators as a `json_format` under Istio's JSON names: numbers as
    /// strings, `duration` and `upstream_service_time` in milliseconds, the client as `ip:port`.
    static let envoy =
        #"{"authority":"shop.example.com","bytes_received":"0","bytes_sent":"46259","downstream_local_address":"10.0.0.7:8080","downstream_remote_address":"[2001:db8::42]:51234","duration":"57","method":"GET","path":"/api/items","protocol":"HTTP/1.1","request_id":"a4cadca4-662f-4a9c","requested_server_name":"-","response_code":"200","response_flags":"-","route_name":"default","start_time":"2024-03-01T12:00:00.125Z","upstream_cluster":"outbound|80||shop","upstream_host":"10.0.0.9:80","upstream_service_time":"55","user_agent":"Go-http-client/1.1","x_forwarded_for":"-"}"#

    static func record(_ format: LogFormat, _ line: String) throws -> AccessLogRecord {
        let parser = try #require(format.parser)
        switch parser.parse(Substring(line)) {
        case .success(let record): return record
        case .failure(let error): throw error
        }
    }

    @Test("caddy: nested request fields, the first User-Agent of the list, seconds")
    func caddy() throws {
        let record = try Self.record(.caddy, Self.caddy)
        #expect(record.timestamp == 1_646_861_401.5241024)
        #expect(record.clientAddress == "203.0.113.9" && record.method == "GET" && record.path == "/shop?page=2")
        #expect(record.status == 200 && record.bytes == 10_900 && record.userAgent == "curl/7.82.0")
        #expect(record.requestTime == 0.000929675 && record.upstreamResponseTime == nil)
    }

    @Test("traefik: StartUTC, ClientHost, DownstreamStatus, nanosecond durations made seconds")
    func traefik() throws {
        let record = try Self.record(.traefik, Self.traefik)
        #expect(record.timestamp == 1_709_294_400.25)
        #expect(record.clientAddress == "198.51.100.4" && record.method == "POST" && record.path == "/cart")
        #expect(record.status == 503 && record.bytes == 612 && record.userAgent == "Mozilla/5.0")
        #expect(abs((record.requestTime ?? 0) - 1.48237) < 1e-9 && abs((record.upstreamResponseTime ?? 0) - 1.32169) < 1e-9)
    }

    @Test("envoy: string numbers, millisecond durations, the port stripped from an IPv6 client")
    func envoy() throws {
        let record = try Self.record(.envoy, Self.envoy)
        #expect(record.timestamp == 1_709_294_400.125)
        #expect(record.clientAddress == "2001:db8::42" && record.method == "GET" && record.path == "/api/items")
        #expect(record.status == 200 && record.bytes == 46_259 && record.userAgent == "Go-http-client/1.1")
        #expect(record.requestTime == 0.057 && record.upstreamResponseTime == 0.055)
    }

    @Test("each preset reads only its own lines, and auto-detection picks it")
    func detection() {
        let lines: [(LogFormat, String)] = [(.caddy, Self.caddy), (.traefik, Self.traefik), (.envoy, Self.envoy)]
        for (format, line) in lines {
            #expect(LogFormat.detect([Substring(line)]) == format, "\(format)")
            for (other, _) in lines where other != format {
                if case .success = other.parser!.parse(Substring(line)) { Issue.record("\(other) read a \(format) line") }
            }
            if case .success = LogFormat.json.parser!.parse(Substring(line)) { Issue.record("nginx's names read a \(format) line") }
        }
    }

    @Test("field names from a spec: key=name pairs over a preset; bad specs name the problem")
    func spec() throws {
        let fields = try JSONLinesLogParser.FieldNames.caddy.applying("remote_address=request.client_ip, duration_unit=ms")
        #expect(fields.remoteAddress == "request.client_ip" && fields.durationUnit == 0.001 && fields.time == "ts")
        #expect(throws: LogFieldsError.notKeyValue("time")) { try JSONLinesLogParser.FieldNames().applying("time") }
        #expect(throws: LogFieldsError.unknownKey("when", known: JSONLinesLogParser.FieldNames.keys)) {
            try JSONLinesLogParser.FieldNames().applying("when=ts")
        }
        #expect(throws: LogFieldsError.unknownUnit("h", known: ["s", "ms", "us", "ns"])) {
            try JSONLinesLogParser.FieldNames().applying("duration_unit=h")
        }
        // A key spelt with dots wins over the nested path; a plain ip:port loses its port.
        let parser = JSONLinesLogParser(fields: try JSONLinesLogParser.FieldNames().applying("remote_address=client.ip"))
        let line = #"{"time":1700000000,"client.ip":"192.0.2.1:443","client":{"ip":"192.0.2.99"},"path":"/","status":200}"#
        guard case .success(let record) = parser.parse(Substring(line)) else {
            Issue.record("not parsed")
            return
        }
        #expect(record.clientAddress == "192.0.2.1")
    }
}
