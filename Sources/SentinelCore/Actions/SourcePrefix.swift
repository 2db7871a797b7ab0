import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The source an action blocks or rate-limits: one IPv4/IPv6 address or a CIDR prefix
/// (`203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`).
///
/// Host bits are cleared, so `10.1.2.3/8` and `10.0.0.0/8` are the same prefix. The text form
/// (``description``) is the bare address for a single host (`/32`, `/128`) and
/// `address/length` otherwise; it is what every adapter writes into its configuration and
/// what the JSON form carries. It holds nothing but digits, hex, `.`, `:` and `/`, so it is
/// safe to put in a runtime-API command or a configuration file.
public struct SourcePrefix: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Whether the address is IPv6.
    public let isIPv6: Bool
    /// The network bytes (4 or 16), host bits zeroed.
    public let bytes: [UInt8]
    /// The prefix length in bits (32 or 128 for one address).
    public let length: Int

    /// Parses `address` or `address/length`.
    /// - Throws: ``ActionError/invalidSource(_:)`` unless the text is an IPv4 or IPv6
    ///   address with an optional length in 0…32 (IPv4) or 0…128 (IPv6).
    public init(_ text: String) throws(ActionError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let address = parts[0].trimmingCharacters(in: .whitespaces)
        var v4 = in_addr()
        var v6 = in6_addr()
        let raw: [UInt8]
        if inet_pton(AF_INET, address, &v4) == 1 {
            raw = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            raw = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            throw .invalidSource(text)
        }
        var length = raw.count * 8
        if parts.count == 2 {
            guard let parsed = Int(parts[1].trimmingCharacters(in: .whitespaces)), (0...length).contains(parsed) else {
                throw .invalidSource(text)
            }
            length = parsed
        }
        self.init(bytes: raw, length: length)
    }

    /// The prefix of `length` bits around `bytes` (4 or 16 bytes; host bits are cleared).
    public init(bytes: [UInt8], length: Int) {
        isIPv6 = bytes.count == 16
        self.length = max(0, min(length, bytes.count * 8))
        let kept = self.length
        self.bytes = bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, kept - index * 8))
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
    }

    /// Whether the prefix is one address (`/32` or `/128`).
    public var isSingleAddress: Bool { length == bytes.count * 8 }

    /// The network address alone, without the length.
    public var address: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = isIPv6 ? AF_INET6 : AF_INET
        let converted: Bool = bytes.withUnsafeBytes { raw in
            inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil
        }
        guard converted else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String { isSingleAddress ? address : "\(address)/\(length)" }

    /// Whether `other` lies inside this prefix (same family).
    public func contains(_ other: SourcePrefix) -> Bool {
        guard isIPv6 == other.isIPv6, other.length >= length else { return false }
        return SourcePrefix(bytes: other.bytes, length: length) == self
    }

    public static func < (lhs: SourcePrefix, rhs: SourcePrefix) -> Bool {
        if lhs.isIPv6 != rhs.isIPv6 { return !lhs.isIPv6 }
        if lhs.bytes != rhs.bytes { return lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
        return lhs.length < rhs.length
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
