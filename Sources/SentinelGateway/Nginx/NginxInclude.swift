import SentinelCore

/// The include file's text for a set of blocked and rate-limited sources.
///
/// Blocked sources become `deny` lines (nginx answers 403). Rate-limited sources are grouped
/// by rate: a `geo` block gives each source its rate class, a `map` per class turns the
/// class into the client's address (empty for everyone else, who is then not counted), and
/// one `limit_req_zone` + `limit_req` per class enforces it, with a burst of one second's
/// worth and `limit_req_status 429`. The output is sorted, so the same state renders the
/// same bytes.
struct NginxInclude: Equatable {
    var blocked: Set<SourcePrefix> = []
    /// Requests per minute by source (nginx rates are whole numbers per second or minute).
    var limited: [SourcePrefix: Int] = [:]

    /// Requests per minute as nginx will enforce them (at least 1).
    static func perMinute(_ requestsPerSecond: Double) -> Int {
        max(1, Int(min(requestsPerSecond * 60, 1e9).rounded(.up)))
    }

    func render(preamble: [String]) -> String {
        var lines = [
            "# Written by sentinel (SentinelGateway's nginx adapter); rewritten on every change, do not edit.",
            "# Include it inside http { }. Blocked sources get 403, rate-limited ones 429.",
        ]
        lines += preamble
        for source in blocked.sorted() { lines.append("deny \(source);") }
        let classes = Set(limited.values).sorted()
        if !classes.isEmpty {
            lines.append("geo $sentinel_rate_class {")
            lines.append("    default \"\";")
            for (source, rate) in limited.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(source) \"\(rate)\";")
            }
            lines.append("}")
            for rate in classes {
                let burst = max(1, rate / 60)
                lines.append("map $sentinel_rate_class $sentinel_limit_\(rate) {")
                lines.append("    \"\(rate)\" $binary_remote_addr;")
                lines.append("    default \"\";")
                lines.append("}")
                lines.append("limit_req_zone $sentinel_limit_\(rate) zone=sentinel_\(rate)rpm:1m rate=\(rate)r/m;")
                lines.append("limit_req zone=sentinel_\(rate)rpm burst=\(burst) nodelay;")
            }
            lines.append("limit_req_status 429;")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
