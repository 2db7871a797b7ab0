extension JSONLinesLogParser {
    /// The JSON keys a log uses for each record field. The defaults are nginx's variable
    /// names, as in `log_format json escape=json '{"time":"$time_iso8601",…}'`.
    public struct FieldNames: Equatable, Sendable {
        /// The time: an ISO 8601 string, epoch seconds (number or numeric string), or the
        /// `10/Oct/2000:13:55:36 -0700` form.
        public var time: String
        /// The client address.
        public var remoteAddress: String
        /// The method; when absent, it is taken from `request`.
        public var method: String
        /// The request target; when absent, it is taken from `request`.
        public var path: String
        /// The whole request line, `GET /x HTTP/1.1`.
        public var request: String
        /// The status (number or numeric string).
        public var status: String
        /// Bytes sent (number, numeric string, or `-`).
        public var bytes: String
        /// Request time in seconds.
        public var requestTime: String
        /// Upstream response time in seconds (a `0.1, 0.2` list is summed).
        public var upstreamResponseTime: String
        /// The user agent.
        public var userAgent: String
        /// Seconds per unit of ``requestTime`` and ``upstreamResponseTime`` (1: seconds, as
        /// nginx writes them; 0.001: milliseconds; 1e-9: nanoseconds).
        public var durationUnit: Double

        /// The default names, but for those given. A name with dots (`request.remote_ip`)
        /// reaches into nested objects when no key is spelt so; a list found on the way gives
        /// its first element (Caddy's `headers.User-Agent`).
        public init(
            time: String = "time", remoteAddress: String = "remote_addr", method: String = "method", path: String = "path",
            request: String = "request", status: String = "status", bytes: String = "bytes", requestTime: String = "request_time",
            upstreamResponseTime: String = "upstream_response_time", userAgent: String = "user_agent", durationUnit: Double = 1
        ) {
            self.time = time
            self.remoteAddress = remoteAddress
            self.method = method
            self.path = path
            self.request = request
            self.status = status
            self.bytes = bytes
            self.requestTime = requestTime
            self.upstreamResponseTime = upstreamResponseTime
            self.userAgent = userAgent
            self.durationUnit = durationUnit
        }

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
        public static let caddy = FieldNames(
            time: "ts", remoteAddress: "request.remote_ip", method: "request.method", path: "request.uri", status: "status",
            bytes: "size", requestTime: "duration", upstreamResponseTime: "upstream_duration",
            userAgent: "request.headers.User-Agent")

        /// Traefik's JSON access log (`accessLog.format: json`): `StartUTC`, `ClientHost`,
        /// `DownstreamStatus`, `Duration` and `OriginDuration` in nanoseconds, the user agent
        /// as `request_User-Agent` when headers are kept.
        public static let traefik = FieldNames(
            time: "StartUTC", remoteAddress: "ClientHost", method: "RequestMethod", path: "RequestPath",
            status: "DownstreamStatus", bytes: "DownstreamContentSize", requestTime: "Duration",
            upstreamResponseTime: "OriginDuration", userAgent: "request_User-Agent", durationUnit: 1e-9)

        /// Envoy's access log as a `json_format` of its default command operators, under the names
        /// Istio's JSON encoding gives them: `start_time`, `downstream_remote_address` (`ip:port`),
        /// `response_code`, `duration` and `upstream_service_time` in milliseconds.
        public static let envoy = FieldNames(
            time: "start_time", remoteAddress: "downstream_remote_address", method: "method", path: "path",
            status: "response_code", bytes: "bytes_sent", requestTime: "duration", upstreamResponseTime: "upstream_service_time",
            userAgent: "user_agent", durationUnit: 0.001)
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
