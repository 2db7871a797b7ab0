/// One entry of a stick table as `show table <name>` lists it.
public struct HAProxyTableEntry: Sendable, Equatable {
    /// The key (an IPv4 client in an `ipv6` table shows as `::ffff:a.b.c.d`).
    public var key: String
    /// The stored counters by name as HAProxy prints them (`http_req_rate(1000)` → `"3"`).
    public var data: [String: String]

    /// The first `http_req_rate(…)` counter, if stored.
    public var httpRequestRate: Int? {
        data.first { $0.key.hasPrefix("http_req_rate(") }.flatMap { Int($0.value) }
    }

    /// Parses one entry line (`0x55…: key=::ffff:127.0.0.2 use=0 exp=59170 http_req_rate(1000)=1`).
    static func parse(_ line: Substring) -> HAProxyTableEntry? {
        guard let colon = line.firstIndex(of: ":"), line.hasPrefix("0x") else { return nil }
        var key: String?
        var data: [String: String] = [:]
        for field in line[line.index(after: colon)...].split(separator: " ") {
            guard let equals = field.firstIndex(of: "=") else { continue }
            let name = String(field[..<equals])
            let value = String(field[field.index(after: equals)...])
            if name == "key" { key = value } else { data[name] = value }
        }
        return key.map { HAProxyTableEntry(key: $0, data: data) }
    }
}
