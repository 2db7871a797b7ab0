extension JSONLinesLogParser {
    /// The JSON keys a log uses for each record field. The defaults are nginx's variable
    /// names, as in `log_format json escape=json '{"time":"$time_iso8601",…}'`.
    public struct FieldNames: Equatable, Sendable {
        /// The time: an ISO 8601 string, epoch seconds (number or numeric string), or the
        /// `10/Oct/2000:13:55:36 -0700` form.
        public var time = "time"
        /// The client address.
        public var remoteAddress = "remote_addr"
        /// The method; when absent, it is taken from `request`.
        public var method = "method"
        /// The request target; when absent, it is taken from `request`.
        public var path = "path"
        /// The whole request line, `GET /x HTTP/1.1`.
        public var request = "request"
        /// The status (number or numeric string).
        public var status = "status"
        /// Bytes sent (number, numeric string, or `-`).
        public var bytes = "bytes"
        /// Request time in seconds.
        public var requestTime = "request_time"
        /// Upstream response time in seconds (a `0.1, 0.2` list is summed).
        public var upstreamResponseTime = "upstream_response_time"
        /// The user agent.
        public var userAgent = "user_agent"
        /// Seconds per unit of ``requestTime`` and ``upstreamResponseTime`` (1: seconds, as
        /// nginx writes them; 0.001: milliseconds; 1e-9: nanoseconds).
        public var durationUnit: Double = 1

        /// The default names; change the properties that differ. A name with dots
        /// (`request.remote_ip`) reaches into nested objects when no key is spelt so; a list
        /// found on the way gives its first element (Caddy's `headers.User-Agent`).
        public init() {}

        /// The settable names, as `--log-fields` and the configuration's `fields:` spell them.
        public static let keys = [
            "time", "remote_address", "method", "path", "request", "status", "bytes", "request_time", "upstream_response_time",
            "user_agent", "duration_unit",
        ]

        /// The units `duration_unit` accepts, in seconds.
        public static let durationUnits: [(name: String, seconds: Double)] = [("s", 1), ("ms", 0.001), ("us", 0.000_001), ("ns", 1e-9)]

        /// Sets one name (`key` one of ``keys``; `duration_unit` takes `s`, `ms`, `us` or `ns`).
        /// - Throws: a message naming the key or the unit when it is unknown.
        public mutating func set(_ key: String, to value: String) throws(LogFieldsError) {
            switch key {
            case "time": time = value
            case "remote_address": remoteAddress = value
            case "method": method = value
            case "path": path = value
            case "request": request = value
            case "status": status = value
            case "bytes": bytes = value
            case "request_time": requestTime = value
            case "upstream_response_time": upstreamResponseTime = value
            case "user_agent": userAgent = value
            case "duration_unit":
                guard let unit = Self.durationUnits.first(where: { $0.name == value }) else {
                    throw .unknownUnit(value, known: Self.durationUnits.map(\.name))
                }
                durationUnit = unit.seconds
            default: throw .unknownKey(key, known: Self.keys)
            }
        }

        /// These names changed by `spec`, `time=ts,remote_address=request.remote_ip,duration_unit=ms`.
        /// - Throws: a message naming the part that is not `key=value` or an unknown key or unit.
        public func applying(_ spec: String) throws(LogFieldsError) -> FieldNames {
            var fields = self
            for part in spec.split(separator: ",") {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else { throw .notKeyValue(String(part)) }
                try fields.set(pair[0], to: pair[1])
            }
            return fields
        }

        /// nginx's variable names (`log_format … escape=json`): the defaults.
        public static let nginx = FieldNames()

        /// Caddy's JSON access log (`log { format json }`, logger `http.log.access`): `ts` in
        /// epoch seconds, the request nested under `request`, `duration` in seconds.
        public static let caddy: FieldNames = {
            var fields = FieldNames()
            fields.time = "ts"
            fields.remoteAddress = "request.remote_ip"
            fields.method = "request.method"
            fields.path = "request.uri"
            fields.status = "status"
            fields.bytes = "size"
            fields.requestTime = "duration"
            fields.upstreamResponseTime = "upstream_duration"
            fields.userAgent = "request.headers.User-Agent"
            return fields
        }()

        /// Traefik's JSON access log (`accessLog.format: json`): `StartUTC`, `ClientHost`,
        /// `DownstreamStatus`, `Duration` and `OriginDuration` in nanoseconds, the user agent
        /// as `request_User-Agent` when headers are kept.
        public static let traefik: FieldNames = {
            var fields = FieldNames()
            fields.time = "StartUTC"
            fields.remoteAddress = "ClientHost"
            fields.method = "RequestMethod"
            fields.path = "RequestPath"
            fields.status = "DownstreamStatus"
            fields.bytes = "DownstreamContentSize"
            fields.requestTime = "Duration"
            fields.upstreamResponseTime = "OriginDuration"
            fields.userAgent = "request_User-Agent"
            fields.durationUnit = 1e-9
            return fields
        }()

        /// Envoy's access log as a `json_format` of its default command operators, under the names
        /// Istio's JSON encoding gives them: `start_time`, `downstream_remote_address` (`ip:port`),
        /// `response_code`, `duration` and `upstream_service_time` in milliseconds.
        public static let envoy: FieldNames = {
            var fields = FieldNames()
            fields.time = "start_time"
            fields.remoteAddress = "downstream_remote_address"
            fields.method = "method"
            fields.path = "path"
            fields.status = "response_code"
            fields.bytes = "bytes_sent"
            fields.requestTime = "duration"
            fields.upstreamResponseTime = "upstream_service_time"
            fields.userAgent = "user_agent"
            fields.durationUnit = 0.001
            return fields
        }()
    }
}

/// Why a field-name setting (`--log-fields`, a log's `fields:`) was refused.
public enum LogFieldsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A part that is not `key=value`.
    case notKeyValue(String)
    /// A key that names no field.
    case unknownKey(String, known: [String])
    /// A `duration_unit` that is not a unit.
    case unknownUnit(String, known: [String])

    public var description: String {
        switch self {
        case let .notKeyValue(part): return "'\(part)' is not key=value"
        case let .unknownKey(key, known): return "unknown field '\(key)' (known: \(known.joined(separator: ", ")))"
        case let .unknownUnit(unit, known): return "unknown duration_unit '\(unit)' (known: \(known.joined(separator: ", ")))"
        }
    }
}
