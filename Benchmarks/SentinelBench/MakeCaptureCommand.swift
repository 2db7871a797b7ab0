import ArgumentParser
import Foundation
import SentinelCapture

/// `make-capture`: a large capture made by replaying real captures with shifted time and
/// varied IPv4 addresses.
struct MakeCaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-capture",
        abstract: "Build a large Ethernet capture by replaying captures with shifted time and varied addresses.",
        discussion: """
            The inputs are laid end to end (each file keeps its own inter-packet gaps and starts \
            --gap seconds after the previous one ends) to form one template; the template is then \
            replayed until --packets frames are written, each replay starting --gap seconds after \
            the previous one ends. In replay r the low 16 bits of every IPv4 source and destination \
            address are XORed with r (replay 0 is unchanged), with the IPv4, TCP and UDP checksums \
            patched, so each replay's flows are new flows. Frames that are not IPv4 are copied as \
            they are. Inputs with another link type (Linux SLL, raw IP, BSD loopback) are re-framed \
            as Ethernet; their non-IP frames are skipped.
            """
    )

    @Option(
        name: .customLong("from"), parsing: .upToNextOption,
        help: ArgumentHelp("Input captures (.pcap/.pcapng).", valueName: "file"))
    var inputs: [String]

    @Option(name: .long, help: "Frames to write.")
    var packets: Int = 2_000_000

    @Option(name: .long, help: "Seconds of silence between one file or replay and the next.")
    var gap: Double = 0.001

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Longest inter-packet gap kept, in seconds; longer ones (clock leaps of years exist in real captures) are shortened to it.",
            valueName: "seconds"))
    var maxGap: Double = 3600

    @Option(name: .shortAndLong, help: ArgumentHelp("Output pcap file.", valueName: "out.pcap"))
    var output: String

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input with --from") }
        guard packets >= 1 else { throw ValidationError("--packets must be at least 1") }
        guard gap >= 0 else { throw ValidationError("--gap must be 0 or more") }
        guard maxGap >= 0 else { throw ValidationError("--max-gap must be 0 or more") }
    }

    func run() throws {
        let template = try Template(paths: inputs, gap: gap, maxGap: maxGap)
        guard !template.frames.isEmpty else {
            throw ValidationError("the inputs hold no usable frames")
        }
        for line in template.report { print(line) }
        let writer = try PcapFileWriter(path: output, linkType: .ethernet)
        var scratch = [UInt8](repeating: 0, count: template.maxLength)
        var written = 0
        var replay = 0
        let base = template.startTime
        var offset = 0.0
        var lastTime = 0.0
        replayLoop: while true {
            let key = UInt16(truncatingIfNeeded: replay)
            for frame in template.frames {
                if written >= packets { break replayLoop }
                scratch.withUnsafeMutableBytes { buffer in
                    let out = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<frame.length])
                    template.storage.withUnsafeBytes { src in
                        out.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[frame.start..<frame.start + frame.length]))
                    }
                    if key != 0, frame.ipv4Offset >= 0 { Rewrite.xorIPv4(out, at: frame.ipv4Offset, key: key) }
                    writer.write(
                        UnsafeRawBufferPointer(out), timestamp: base + offset + frame.time,
                        wireLength: frame.wireLength)
                }
                written += 1
                lastTime = offset + frame.time
            }
            offset += template.duration + gap
            replay += 1
        }
        writer.close()
        let replays = Double(written) / Double(template.frames.count)
        print(
            "wrote \(written) frames (\(String(format: "%.2f", replays)) replays of \(template.frames.count) frames, "
                + "\(String(format: "%.1f", lastTime)) s of capture time) to \(output)")
    }
}

/// The inputs read into memory and laid end to end.
struct Template {
    struct Frame {
        var start: Int
        var length: Int
        var wireLength: Int
        /// Seconds since the template start.
        var time: Double
        /// Offset of an IPv4 header to rewrite, or -1.
        var ipv4Offset: Int
    }

    var storage: [UInt8] = []
    var frames: [Frame] = []
    var startTime = 0.0
    var duration = 0.0
    var maxLength = 0
    var report: [String] = []

    init(paths: [String], gap: Double, maxGap: Double) throws {
        var next = 0.0
        for path in paths {
            let source = try FilePacketSource(paths: [path])
            let linkType = source.linkTypes[0]
            let decoder = PacketDecoder(linkType: linkType)
            var previous: Double?
            var time = next, end = next
            var kept = 0, skipped = 0, ipv4 = 0, capped = 0
            while case .frame(let frame) = try source.read() {
                if let previous {
                    let step = frame.timestamp - previous
                    if step > maxGap { capped += 1 }
                    time += min(step, maxGap)
                } else if frames.isEmpty {
                    startTime = frame.timestamp
                }
                previous = frame.timestamp
                end = max(end, time)
                let result = decoder.decode(frame.bytes, wireLength: frame.wireLength, timestamp: frame.timestamp)
                var ipOffset = -1
                var isIPv4 = false
                if case .ip(let view) = result {
                    ipOffset = view.networkOffset
                    isIPv4 = view.ipVersion == 4
                }
                let start = storage.count
                if linkType == .ethernet {
                    storage.append(contentsOf: frame.bytes)
                    frames.append(
                        Frame(
                            start: start, length: frame.bytes.count, wireLength: frame.wireLength,
                            time: time, ipv4Offset: isIPv4 ? ipOffset : -1))
                } else if ipOffset >= 0 {
                    // Re-frame as Ethernet II.
                    storage.append(contentsOf: [0x02, 0, 0x5e, 0, 0, 0x01, 0x02, 0, 0x5e, 0, 0, 0x02])
                    storage.append(contentsOf: isIPv4 ? [0x08, 0x00] : [0x86, 0xdd])
                    storage.append(contentsOf: frame.bytes[ipOffset...])
                    let length = storage.count - start
                    frames.append(
                        Frame(
                            start: start, length: length,
                            wireLength: max(length, frame.wireLength - ipOffset + 14),
                            time: time, ipv4Offset: isIPv4 ? 14 : -1))
                } else {
                    skipped += 1
                    continue
                }
                maxLength = max(maxLength, frames.last!.length)
                kept += 1
                if isIPv4 { ipv4 += 1 }
            }
            report.append(
                "  \(path): \(kept) frames (\(ipv4) IPv4), \(String(format: "%.2f", end - next)) s, link type \(linkType.rawValue)"
                    + (skipped > 0 ? ", \(skipped) non-IP frames skipped" : "")
                    + (capped > 0 ? ", \(capped) gaps > \(maxGap) s shortened" : ""))
            for warning in source.warnings { report.append("  warning: \(warning)") }
            if previous != nil {
                duration = end
                next = end + gap
            }
        }
        report.insert("template: \(frames.count) frames, \(String(format: "%.2f", duration)) s, from \(paths.count) files", at: 0)
    }
}

/// In-place IPv4 address variation with checksum fix-ups.
enum Rewrite {
    /// XORs the low 16 bits of the source and destination addresses of the IPv4 header at
    /// `ip` with `key`, patching the IPv4 header checksum and (first fragments only) the
    /// TCP/UDP checksum, whose pseudo-header covers the addresses.
    static func xorIPv4(_ p: UnsafeMutableRawBufferPointer, at ip: Int, key: UInt16) {
        guard ip + 20 <= p.count else { return }
        let ihl = Int(p[ip] & 0x0f) * 4
        guard ihl >= 20, ip + ihl <= p.count else { return }
        let oldSource = FrameBytes.get16(p, ip + 14)
        let oldDestination = FrameBytes.get16(p, ip + 18)
        let newSource = oldSource ^ key
        let newDestination = oldDestination ^ key
        FrameBytes.put16(p, ip + 14, newSource)
        FrameBytes.put16(p, ip + 18, newDestination)
        var headerSum = FrameBytes.get16(p, ip + 10)
        headerSum = FrameBytes.adjust(headerSum, old: oldSource, new: newSource)
        headerSum = FrameBytes.adjust(headerSum, old: oldDestination, new: newDestination)
        FrameBytes.put16(p, ip + 10, headerSum)

        let fragmentOffset = FrameBytes.get16(p, ip + 6) & 0x1fff
        guard fragmentOffset == 0 else { return }
        let proto = p[ip + 9]
        let field: Int
        switch proto {
        case 6: field = ip + ihl + 16
        case 17: field = ip + ihl + 6
        default: return
        }
        guard field + 2 <= p.count else { return }
        let old = FrameBytes.get16(p, field)
        if proto == 17 && old == 0 { return }  // UDP without checksum
        var sum = FrameBytes.adjust(old, old: oldSource, new: newSource)
        sum = FrameBytes.adjust(sum, old: oldDestination, new: newDestination)
        if proto == 17 && sum == 0 { sum = 0xffff }
        FrameBytes.put16(p, field, sum)
    }
}
