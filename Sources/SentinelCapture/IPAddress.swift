/// An IPv4 or IPv6 address as a fixed-size value: IPv4 is stored IPv4-mapped
/// (`::ffff:a.b.c.d`), so both families hash and compare without allocation.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The high 64 bits of the 128-bit address.
    public var high: UInt64
    /// The low 64 bits of the 128-bit address.
    public var low: UInt64

    /// Creates an address from its two 64-bit halves (network order as integers).
    @inlinable
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an IPv4 address from its 32-bit value in host order (`0x7f000001` is 127.0.0.1).
    @inlinable
    public init(ipv4: UInt32) {
        self.high = 0
        self.low = 0x0000_ffff_0000_0000 | UInt64(ipv4)
    }

    /// Parses dotted-quad IPv4 or textual IPv6 (`::1`, `fe80::1`, `::ffff:1.2.3.4`).
    public init?(_ text: String) {
        if let v4 = IPAddress.parseIPv4(Substring(text)) {
            self.init(ipv4: v4)
            return
        }
        guard let v6 = IPAddress.parseIPv6(text) else { return nil }
        self = v6
    }

    /// The zero address (`::`).
    public static let zero = IPAddress(high: 0, low: 0)

    /// Whether the address is an IPv4(-mapped) address.
    @inlinable
    public var isIPv4: Bool { high == 0 && (low >> 32) == 0xffff }

    /// The IPv4 value in host order, when `isIPv4`.
    @inlinable
    public var ipv4Value: UInt32 { UInt32(truncatingIfNeeded: low) }

    @inlinable
    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
        hasher.combine(low)
    }

    /// A cheap 64-bit mix of the address, for sketches (not for security).
    @inlinable
    public var mixedHash: UInt64 {
        murmurFinalize(high &* 0x9E37_79B9_7F4A_7C15 ^ low)
    }

    public var description: String {
        if isIPv4 {
            let v = ipv4Value
            return "\(v >> 24).\((v >> 16) & 0xff).\((v >> 8) & 0xff).\(v & 0xff)"
        }
        var groups: [UInt16] = []
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 48, through: 0, by: -16) { groups.append(UInt16(truncatingIfNeeded: low >> UInt64(shift))) }
        // Longest run of zero groups (length >= 2) becomes "::" (RFC 5952).
        var bestStart = -1, bestLength = 0, index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength { bestStart = index; bestLength = end - index }
                index = end
            } else {
                index += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        if bestLength < 2 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            // Decimal digits only (`UInt32("+1")` would accept a sign), and no leading zero:
            // `010` is octal to inet_aton, so refuse it rather than guess (as inet_pton does).
            guard !part.isEmpty, part.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                part.count == 1 || part.first != "0",
                let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseIPv6(_ text: String) -> IPAddress? {
        guard text.contains(":") else { return nil }
        var halves = [text]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard halves[1].firstRange(of: "::") == nil else { return nil }
        }
        // A dotted quad may only end the whole address (`::ffff:1.2.3.4`, not `1.2.3.4::`).
        func groups(_ part: String, mayEndInIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if mayEndInIPv4, i == pieces.count - 1, piece.contains("."), let v4 = parseIPv4(piece) {
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xffff))
                } else {
                    // Hex digits only: `UInt16("+1", radix: 16)` would accept a sign.
                    guard !piece.isEmpty, piece.count <= 4, piece.utf8.allSatisfy({ $0.isHexDigit }),
                        let g = UInt16(piece, radix: 16)
                    else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let head = groups(halves[0], mayEndInIPv4: halves.count == 1) else { return nil }
        var all: [UInt16]
        if halves.count == 2 {
            guard let tail = groups(halves[1], mayEndInIPv4: true), head.count + tail.count < 8 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        var high: UInt64 = 0, low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(all[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(all[i]) }
        return IPAddress(high: high, low: low)
    }
}

extension UInt8 {
    /// Whether the byte is an ASCII hexadecimal digit.
    fileprivate var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x41...0x46).contains(self) || (0x61...0x66).contains(self)
    }
}
