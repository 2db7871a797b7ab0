import Foundation
import SentinelCapture
import SentinelTestSupport

/// Small capture files written at test time with libpcap's own writer.
enum CaptureFixtures {
    /// Ten seconds: normal handshakes throughout, a SYN flood from 200 sources in seconds 4–6,
    /// plus one damaged packet (TCP data offset 3) at second 2.
    /// Returns `path`.
    @discardableResult
    static func mixedSynFlood(at path: String, start: Double = 1_700_000_000) throws -> String {
        let writer = try PcapFileWriter(path: path, linkType: .ethernet)
        defer { writer.close() }
        var port: UInt16 = 20000
        for second in 0..<10 {
            let base = start + Double(second)
            for i in 0..<20 {
                let t = base + Double(i) * 0.045
                let c = "192.168.1.\(i % 5 + 10)"
                port &+= 1
                writer.write(PacketBuilder.ethernetTCP(c, port, "192.168.1.1", 80, [.syn], sequence: 7), timestamp: t)
                writer.write(
                    PacketBuilder.ethernetTCP("192.168.1.1", 80, c, port, [.syn, .ack], sequence: 70, acknowledgment: 8),
                    timestamp: t + 0.0005)
                writer.write(
                    PacketBuilder.ethernetTCP(c, port, "192.168.1.1", 80, [.ack], sequence: 8, acknowledgment: 71), timestamp: t + 0.001)
                writer.write(
                    PacketBuilder.ethernetTCP(c, port, "192.168.1.1", 80, [.psh, .ack], sequence: 8, acknowledgment: 71, payload: 300),
                    timestamp: t + 0.002)
                writer.write(
                    PacketBuilder.ethernetTCP(c, port, "192.168.1.1", 80, [.rst, .ack], sequence: 308, acknowledgment: 71),
                    timestamp: t + 0.003)
            }
            if (4...6).contains(second) {
                for i in 0..<3000 {
                    let src = "10.66.\(i % 200 / 100).\(i % 100 + 1)"
                    writer.write(
                        PacketBuilder.ethernetTCP(src, UInt16(1024 + i + (second - 4) * 3000), "192.168.1.1", 80, [.syn]),
                        timestamp: base + Double(i) / 3000)
                }
            }
            if second == 2 {
                var bad = PacketBuilder.ethernetTCP("192.168.1.99", 1, "192.168.1.1", 80, [.syn])
                bad[14 + 20 + 12] = 0x30  // data offset 3 words
                writer.write(bad, timestamp: base + 0.5)
            }
        }
        return path
    }

    /// A valid capture with its last record cut in the middle; returns `path`.
    @discardableResult
    static func cutMidPacket(at path: String) throws -> String {
        try mixedSynFlood(at: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count - 20).write(to: URL(fileURLWithPath: path))
        return path
    }
}
