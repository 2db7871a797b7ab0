import SentinelCapture

/// Builds the raw bytes of pcap and pcapng files by hand, so tests can make captures that
/// `PcapFileWriter` cannot: nanosecond or big-endian pcap, pcapng, and damaged records.
public enum CaptureFileBytes {
    /// Magic of a classic pcap file with microsecond timestamps.
    public static let microsecondMagic: UInt32 = 0xa1b2_c3d4
    /// Magic of a classic pcap file with nanosecond timestamps.
    public static let nanosecondMagic: UInt32 = 0xa1b2_3c4d
    /// Size of the classic pcap global header.
    public static let globalHeaderSize = 24
    /// Size of a classic pcap record header.
    public static let recordHeaderSize = 16

    /// The 24-byte global header of a classic pcap file.
    /// - Parameters:
    ///   - linkType: the `LINKTYPE_*` value written in the header.
    ///   - snapshotLength: the file's snapshot length.
    ///   - nanosecond: whether timestamps' second field counts nanoseconds.
    ///   - bigEndian: whether the file is written in big-endian byte order.
    public static func pcapGlobalHeader(
        linkType: UInt32 = 1, snapshotLength: UInt32 = 262_144,
        nanosecond: Bool = false, bigEndian: Bool = false
    ) -> [UInt8] {
        let order = ByteOrder(bigEndian: bigEndian)
        return order.u32(nanosecond ? nanosecondMagic : microsecondMagic) + order.u16(2) + order.u16(4)
            + order.u32(0) + order.u32(0) + order.u32(snapshotLength) + order.u32(linkType)
    }

    /// One classic pcap record: a 16-byte header followed by `data`.
    /// - Parameters:
    ///   - seconds: whole seconds of the timestamp.
    ///   - fraction: microseconds or nanoseconds, as the file's magic says.
    ///   - capturedLength: the caplen field; defaults to `data.count` (set it to lie).
    ///   - wireLength: the len field; defaults to the captured length.
    public static func pcapRecord(
        _ data: [UInt8], seconds: UInt32, fraction: UInt32 = 0,
        capturedLength: UInt32? = nil, wireLength: UInt32? = nil,
        bigEndian: Bool = false
    ) -> [UInt8] {
        let order = ByteOrder(bigEndian: bigEndian)
        let caplen = capturedLength ?? UInt32(data.count)
        return order.u32(seconds) + order.u32(fraction) + order.u32(caplen)
            + order.u32(wireLength ?? UInt32(data.count)) + data
    }

    /// A whole classic pcap file holding `frames`, each with its timestamp in seconds.
    public static func pcap(
        _ frames: [(bytes: [UInt8], timestamp: Double)], linkType: UInt32 = 1,
        snapshotLength: UInt32 = 262_144, nanosecond: Bool = false,
        bigEndian: Bool = false
    ) -> [UInt8] {
        var file = pcapGlobalHeader(
            linkType: linkType, snapshotLength: snapshotLength,
            nanosecond: nanosecond, bigEndian: bigEndian)
        for frame in frames {
            let (seconds, fraction) = split(frame.timestamp, nanosecond: nanosecond)
            file += pcapRecord(frame.bytes, seconds: seconds, fraction: fraction, bigEndian: bigEndian)
        }
        return file
    }

    /// A little-endian pcapng file: one Section Header Block, one Interface Description Block
    /// and one Enhanced Packet Block per frame.
    /// - Parameters:
    ///   - frames: the packets, each with its timestamp in units of the interface resolution.
    ///   - linkType: the interface's `LINKTYPE_*`.
    ///   - timestampResolution: the `if_tsresol` option (6 = µs, the default when absent; 9 = ns).
    public static func pcapng(
        _ frames: [(bytes: [UInt8], timestamp: UInt64)], linkType: UInt16 = 1,
        snapshotLength: UInt32 = 0, timestampResolution: UInt8? = nil
    ) -> [UInt8] {
        let le = ByteOrder(bigEndian: false)
        var file = block(
            type: 0x0A0D_0D0A,
            body: le.u32(0x1A2B_3C4D) + le.u16(1) + le.u16(0)
                + le.u32(0xffff_ffff) + le.u32(0xffff_ffff))
        var interfaceBody = le.u16(linkType) + le.u16(0) + le.u32(snapshotLength)
        if let timestampResolution {
            interfaceBody += le.u16(9) + le.u16(1) + [timestampResolution, 0, 0, 0]  // if_tsresol
            interfaceBody += le.u16(0) + le.u16(0)  // opt_endofopt
        }
        file += block(type: 1, body: interfaceBody)
        for frame in frames {
            var body =
                le.u32(0) + le.u32(UInt32(frame.timestamp >> 32))
                + le.u32(UInt32(truncatingIfNeeded: frame.timestamp))
                + le.u32(UInt32(frame.bytes.count)) + le.u32(UInt32(frame.bytes.count)) + frame.bytes
            body += [UInt8](repeating: 0, count: (4 - frame.bytes.count % 4) % 4)
            file += block(type: 6, body: body)
        }
        return file
    }

    /// Seconds and the sub-second fraction (µs or ns) of a timestamp.
    public static func split(_ timestamp: Double, nanosecond: Bool) -> (UInt32, UInt32) {
        let seconds = timestamp.rounded(.down)
        let scale = nanosecond ? 1e9 : 1e6
        let fraction = min(((timestamp - seconds) * scale).rounded(), scale - 1)
        return (UInt32(seconds), UInt32(fraction))
    }

    private static func block(type: UInt32, body: [UInt8]) -> [UInt8] {
        let le = ByteOrder(bigEndian: false)
        let total = UInt32(12 + body.count)
        return le.u32(type) + le.u32(total) + body + le.u32(total)
    }

    private struct ByteOrder {
        let bigEndian: Bool
        func u16(_ v: UInt16) -> [UInt8] {
            bigEndian ? PacketBuilder.be16(v) : PacketBuilder.be16(v).reversed()
        }
        func u32(_ v: UInt32) -> [UInt8] {
            bigEndian ? PacketBuilder.be32(v) : PacketBuilder.be32(v).reversed()
        }
    }
}
