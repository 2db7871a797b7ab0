import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address prefix (`203.0.113.0/24`, `2001:db8::/32`, or one address).
public struct AddressPrefix: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// Why a text is not a prefix.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// Not an address (or the part before `/` is not).
        case notAnAddress(String)
        /// The length after `/` is not 0…32 (IPv4) or 0…128 (IPv6).
        case badLength(String)

        public var description: String {
            switch self {
            case .notAnAddress(let text): return "'\(text)' is not an IPv4 or IPv6 address or prefix"
            case .badLength(let text): return "'\(text)': the prefix length must be 0–32 for IPv4, 0–128 for IPv6"
            }
        }
    }

    /// Whether the address is IPv6.
    public let isIPv6: Bool
    /// The network bytes (4 or 16), host bits zeroed.
    public let bytes: [UInt8]
    /// The prefix length in bits.
    public let length: Int

    /// Parses `address` or `address/length`.
    public init(_ text: String) throws(ParseError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let address = parts[0].trimmingCharacters(in: .whitespaces)
        var v4 = in_addr(), v6 = in6_addr()
        let raw: [UInt8]
        if inet_pton(AF_INET, address, &v4) == 1 {
            raw = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            raw = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            throw .notAnAddress(text)
        }
        let bits = raw.count * 8
        var length = bits
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...bits).contains(parsed) else { throw .badLength(text) }
            length = parsed
        }
        self.init(bytes: raw, length: length)
    }

    /// The prefix of `length` bits around `bytes` (host bits cleared).
    public init(bytes: [UInt8], length: Int) {
        isIPv6 = bytes.count == 16
        let bits = max(0, min(length, bytes.count * 8))
        self.length = bits
        self.bytes = bytes.enumerated().map { index, byte in
            let keep = max(0, min(8, bits - index * 8))
            return keep == 8 ? byte : byte & UInt8(truncatingIfNeeded: 0xff << (8 - keep))
        }
    }

    /// This address's enclosing prefix of `length` bits (e.g. its /24).
    public func widened(to length: Int) -> AddressPrefix {
        AddressPrefix(bytes: bytes, length: min(length, self.length))
    }

    /// Whether `other` lies inside this prefix.
    public func contains(_ other: AddressPrefix) -> Bool {
        guard isIPv6 == other.isIPv6, other.length >= length else { return false }
        return AddressPrefix(bytes: other.bytes, length: length).bytes == bytes
    }

    /// Whether the two share any address (one contains the other).
    public func overlaps(_ other: AddressPrefix) -> Bool { contains(other) || other.contains(self) }

    /// `a.b.c.d/len`, or the address alone for a full-length prefix.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        var copy = bytes
        let family = isIPv6 ? AF_INET6 : AF_INET
        let text = copy.withUnsafeMutableBytes { raw in
            inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)).map { String(cString: $0) } ?? "?"
        }
        return length == bytes.count * 8 ? text : "\(text)/\(length)"
    }

    /// IPv4 before IPv6, then by address, then shorter prefixes first.
    public static func < (lhs: AddressPrefix, rhs: AddressPrefix) -> Bool {
        if lhs.isIPv6 != rhs.isIPv6 { return !lhs.isIPv6 }
        if lhs.bytes != rhs.bytes { return lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
        return lhs.length < rhs.length
    }
}
