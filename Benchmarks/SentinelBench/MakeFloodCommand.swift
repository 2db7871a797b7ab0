import ArgumentParser
import Foundation
import SentinelCapture
import SentinelCore

/// `make-flood`: a random-source SYN flood written to a capture file (never sent).
struct MakeFloodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-flood",
        abstract: "Write a random-source SYN flood capture: every packet from a different source.",
        discussion: """
            Packet i comes from 10.x.y.z where x.y.z is a seeded bijective scramble of i over the \
            24-bit space, so no two packets share a source (hence --sources ≤ 16,777,216) and every \
            packet is a new flow. Source ports, sequence numbers and IP IDs come from the same seeded \
            generator; frames are Ethernet/IPv4/TCP SYN, 54 bytes, checksums correct, at a fixed \
            rate of capture time. The file is only written to disk, never sent on a network.
            """
    )

    @Option(name: .long, help: "Packets (= distinct source addresses) to write.")
    var sources: Int = 1_000_000

    @Option(name: .long, help: "Packets per second of capture time.")
    var rate: Double = 100_000

    @Option(name: .long, help: "Destination IPv4 address (the victim).")
    var destination: String = "192.0.2.80"

    @Option(name: .long, help: "Destination TCP port.")
    var port: UInt16 = 80

    @Option(name: .long, help: "Seed of the pseudo-random generator (same seed, same file).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Capture time of the first packet, seconds since the epoch.")
    var start: Double = 1_700_000_000

    @Option(name: .shortAndLong, help: ArgumentHelp("Output pcap file.", valueName: "out.pcap"))
    var output: String

    func validate() throws {
        guard sources >= 1, sources <= 1 << 24 else {
            throw ValidationError("--sources must be in 1…16777216 (distinct addresses in 10.0.0.0/8)")
        }
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
        guard let address = IPAddress(destination), address.isIPv4 else {
            throw ValidationError("--destination must be an IPv4 address, got '\(destination)'")
        }
    }

    func run() throws {
        let victim = IPAddress(destination)!.ipv4Value
        var random = SplitMix64(seed: seed)
        let scramble = Scramble24(seed: random.next())
        let writer = try PcapFileWriter(path: output, linkType: .ethernet)
        var frame = [UInt8](repeating: 0, count: 54)
        for i in 0..<sources {
            let r = random.next()
            let source = 0x0a00_0000 | scramble.map(UInt32(i))
            frame.withUnsafeMutableBytes { p in
                FrameBytes.writeTCPv4(
                    into: p, source: source, destination: victim,
                    sourcePort: UInt16(1024 + (r & 0xffff) % 64512), destinationPort: port,
                    sequence: UInt32(truncatingIfNeeded: r >> 16), flags: 0x02, window: 64240,
                    ipID: UInt16(truncatingIfNeeded: r >> 48), ttl: 64)
                writer.write(UnsafeRawBufferPointer(p), timestamp: start + Double(i) / rate)
            }
        }
        writer.close()
        print(
            "wrote \(sources) SYN packets from \(sources) distinct sources in 10.0.0.0/8 to "
                + "\(destination):\(port), \(String(format: "%.1f", Double(sources) / rate)) s at " + "\(Int(rate)) packets/s, to \(output)"
        )
    }
}

/// SplitMix64, a small seeded generator (reproducible files).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// A bijection on 24-bit values (odd multiplies and xor-shifts are each invertible mod 2^24).
struct Scramble24 {
    let a: UInt32, b: UInt32, c: UInt32
    init(seed: UInt64) {
        a = UInt32(truncatingIfNeeded: seed) | 1
        b = UInt32(truncatingIfNeeded: seed >> 24) & 0xff_ffff
        c = UInt32(truncatingIfNeeded: seed >> 40) | 1
    }
    func map(_ i: UInt32) -> UInt32 {
        let mask: UInt32 = 0xff_ffff
        var x = (i &* a &+ b) & mask
        x ^= x >> 12
        x = (x &* c) & mask
        x ^= x >> 11
        return x
    }
}
