import SentinelCapture

extension IPAddress {
    /// A hash of the network the address belongs to, as sources are commonly aggregated: its
    /// /24 for IPv4, its /64 for IPv6 (one site, one customer, one NAT pool).
    @inline(__always)
    var prefixHash: UInt64 {
        isIPv4
            ? IPAddress(high: 0, low: low & ~0xff).mixedHash
            : IPAddress(high: high, low: 0).mixedHash
    }
}
