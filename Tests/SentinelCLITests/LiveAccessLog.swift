import Foundation

/// Writes nginx access-log lines (combined plus `$request_time $upstream_response_time`)
/// stamped with the current time, as a web server would while the sentinel tails the file.
struct LiveAccessLog {
    let path: String
    /// The clients' first two octets: loopback by default (never blocked by a planner); another
    /// network makes the clients blockable offenders.
    var clients = "127.0"

    /// One phase of traffic: its length, rate, share of 5xx answers and request time.
    struct Phase {
        var seconds: Double
        var requestsPerSecond: Int = 20
        var errorShare: Double = 0
        var latency: Double = 0.02
    }

    static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
        return f
    }()

    /// A line for one request at `date`.
    static func line(client: Int, status: Int, latency: Double, date: Date = Date(), network: String = "127.0") -> String {
        let time = String(format: "%.3f", latency)
        return "\(network).\(client / 250).\(client % 250 + 1) - - [\(formatter.string(from: date))] \"GET /api/items/\(client) HTTP/1.1\" "
            + "\(status) \(status >= 500 ? 157 : 2_311) \"-\" \"load/1.0\" \(time) \(time)\n"
    }

    /// Appends the phases' lines in real time (every 100 ms); bounded by the phases' length.
    func play(_ phases: [Phase]) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var request = 0
        for phase in phases {
            let ticks = Int(phase.seconds * 10)
            var errorsOwed = 0.0
            for _ in 0..<ticks {
                var text = ""
                let count = max(1, phase.requestsPerSecond / 10)
                for _ in 0..<count {
                    errorsOwed += phase.errorShare
                    let failed = errorsOwed >= 1
                    if failed { errorsOwed -= 1 }
                    text += Self.line(
                        client: request % 40, status: failed ? [502, 503, 500][request % 3] : 200,
                        latency: failed ? 0.003 : phase.latency * (0.8 + 0.4 * Double(request % 5) / 4), network: clients)
                    request += 1
                }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
                usleep(100_000)
            }
        }
    }
}
