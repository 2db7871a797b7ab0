/// Small helpers to build and patch Ethernet/IPv4/TCP frames in place (the bench target
/// cannot use SentinelTestSupport's PacketBuilder).
enum FrameBytes {
    static let ethernetLength = 14
    static let ipv4HeaderLength = 20
    static let tcpHeaderLength = 20

    /// Writes a big-endian 16-bit value.
    @inline(__always)
    static func put16(_ p: UnsafeMutableRawBufferPointer, _ offset: Int, _ value: UInt16) {
        p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
    }

    /// Writes a big-endian 32-bit value.
    @inline(__always)
    static func put32(_ p: UnsafeMutableRawBufferPointer, _ offset: Int, _ value: UInt32) {
        p.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }

    @inline(__always)
    static func get16(_ p: UnsafeMutableRawBufferPointer, _ offset: Int) -> UInt16 {
        UInt16(bigEndian: UnsafeRawBufferPointer(p).loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    static func get32(_ p: UnsafeMutableRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: UnsafeRawBufferPointer(p).loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// One's-complement sum of `count` bytes from `offset`, folded to 16 bits (not inverted).
    static func onesSum(_ p: UnsafeMutableRawBufferPointer, _ offset: Int, _ count: Int, initial: UInt32 = 0) -> UInt32 {
        var sum = initial
        var i = offset
        while i + 1 < offset + count {
            sum &+= UInt32(get16(p, i))
            i += 2
        }
        if i < offset + count { sum &+= UInt32(p[i]) << 8 }
        while sum > 0xffff { sum = (sum & 0xffff) &+ (sum >> 16) }
        return sum
    }

    /// Internet checksum of `count` bytes from `offset` plus an initial partial sum.
    static func checksum(_ p: UnsafeMutableRawBufferPointer, _ offset: Int, _ count: Int, initial: UInt32 = 0) -> UInt16 {
        ~UInt16(onesSum(p, offset, count, initial: initial))
    }

    /// RFC 1624 incremental update of a checksum when one 16-bit word changes from `old` to `new`.
    @inline(__always)
    static func adjust(_ checksum: UInt16, old: UInt16, new: UInt16) -> UInt16 {
        var sum = UInt32(~checksum) &+ UInt32(~old) &+ UInt32(new)
        while sum > 0xffff { sum = (sum & 0xffff) &+ (sum >> 16) }
        return ~UInt16(sum)
    }

    /// Writes an Ethernet II + IPv4 + TCP (no options, no payload) frame of 54 bytes into `p`,
    /// with correct IPv4 and TCP checksums.
    static func writeTCPv4(
        into p: UnsafeMutableRawBufferPointer,
        source: UInt32, destination: UInt32,
        sourcePort: UInt16, destinationPort: UInt16,
        sequence: UInt32, flags: UInt8, window: UInt16, ipID: UInt16, ttl: UInt8
    ) {
        precondition(p.count >= 54)
        // Ethernet: locally administered MACs, EtherType IPv4.
        let mac: [UInt8] = [0x02, 0x00, 0x5e, 0x00, 0x00, 0x01, 0x02, 0x00, 0x5e, 0x00, 0x00, 0x02]
        for (i, b) in mac.enumerated() { p[i] = b }
        put16(p, 12, 0x0800)
        let ip = ethernetLength
        p[ip] = 0x45
        p[ip + 1] = 0
        put16(p, ip + 2, UInt16(ipv4HeaderLength + tcpHeaderLength))
        put16(p, ip + 4, ipID)
        put16(p, ip + 6, 0x4000)  // DF
        p[ip + 8] = ttl
        p[ip + 9] = 6
        put16(p, ip + 10, 0)
        put32(p, ip + 12, source)
        put32(p, ip + 16, destination)
        put16(p, ip + 10, checksum(p, ip, ipv4HeaderLength))
        let tcp = ip + ipv4HeaderLength
        put16(p, tcp, sourcePort)
        put16(p, tcp + 2, destinationPort)
        put32(p, tcp + 4, sequence)
        put32(p, tcp + 8, 0)
        p[tcp + 12] = 0x50
        p[tcp + 13] = flags
        put16(p, tcp + 14, window)
        put16(p, tcp + 16, 0)
        put16(p, tcp + 18, 0)
        // Pseudo-header: source, destination, zero+protocol, TCP length.
        var pseudo: UInt32 = 0
        pseudo &+= source >> 16; pseudo &+= source & 0xffff
        pseudo &+= destination >> 16; pseudo &+= destination & 0xffff
        pseudo &+= 6; pseudo &+= UInt32(tcpHeaderLength)
        put16(p, tcp + 16, checksum(p, tcp, tcpHeaderLength, initial: pseudo))
    }
}
