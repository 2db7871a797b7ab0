import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures

/// The human summary `sentinel analyze` prints: totals, protocol mix, top talkers, damaged
/// packets by reason, and a window table a person can scan.
package enum TextReport {
    /// Renders the report.
    /// - Parameter maxRows: most window rows; more windows are grouped, each row then averaging
    ///   a run of consecutive windows (and the header says so). 0 leaves the table out.
    /// - Parameter detection: verdicts of a model: adds a detections section and a verdict column.
    package static func render(
        summary s: AnalysisSummary, windows: [WindowRecord], maxRows: Int = 120,
        detection: PacketDetection? = nil
    ) -> String {
        var out = ""
        let inputs = s.sources.count == 1 ? s.sources[0] : "\(s.sources.count) inputs"
        out += "Sentinel analysis of \(inputs)\n"
        out += "  frames \(HumanFormat.grouped(s.frames))  (IP \(HumanFormat.grouped(s.ipPackets)), "
        out += "non-IP \(HumanFormat.grouped(s.nonIPFrames)), malformed \(HumanFormat.grouped(s.malformedTotal)))"
        out += "   bytes \(HumanFormat.bytes(Double(s.bytes)))\n"
        if let first = s.firstTimestamp, let last = s.lastTimestamp {
            out += "  time \(HumanFormat.time(first)) → \(HumanFormat.time(last)) UTC"
            out += "   duration \(HumanFormat.fixed(s.duration, 3)) s\n"
        }
        out += "  flows \(HumanFormat.grouped(s.flows.created)) created, peak \(HumanFormat.grouped(s.flows.peakOpen)) open, "
        out += "\(HumanFormat.grouped(s.flows.evicted)) evicted\n"
        if s.clockJumps > 0 || s.latePackets > 0 {
            out += "  clock: \(s.clockJumps) forward jump(s) skipped, \(s.latePackets) packet(s) earlier than their window\n"
        }
        if s.capture.droppedByKernel > 0 || s.capture.droppedByInterface > 0 {
            out += "  drops: kernel \(s.capture.droppedByKernel), interface \(s.capture.droppedByInterface)\n"
        }
        if s.ipPackets > 0 {
            let mix = s.protocols.sorted { $0.value > $1.value }.map {
                "\($0.key) \(HumanFormat.percent(Double($0.value) / Double(s.ipPackets))) (\(HumanFormat.grouped($0.value)))"
            }
            out += "\nProtocols: " + mix.joined(separator: " · ") + "\n"
        }
        if !s.topTalkers.isEmpty {
            out += "\nTop talkers:\n"
            for t in s.topTalkers {
                out += "  " + HumanFormat.pad(t.address.description, 40, left: true)
                out += HumanFormat.pad(HumanFormat.grouped(t.packets), 12) + " pkts"
                out += HumanFormat.pad(HumanFormat.bytes(Double(t.bytes)), 11)
                out += HumanFormat.pad(HumanFormat.grouped(t.syns), 10) + " SYN\n"
            }
        }
        if s.malformedTotal > 0 {
            out += "\nMalformed packets (\(HumanFormat.grouped(s.malformedTotal)), counted and skipped):\n"
            for reason in MalformedReason.allCases {
                guard let n = s.malformed[reason], n > 0 else { continue }
                out += "  " + HumanFormat.pad(reason.rawValue, 28, left: true)
                out += HumanFormat.pad(HumanFormat.grouped(n), 10) + "  \(reason.explanation)\n"
            }
        }
        if !s.warnings.isEmpty {
            out += "\nWarnings:\n"
            for warning in s.warnings.prefix(20) { out += "  \(warning)\n" }
            if s.warnings.count > 20 { out += "  … and \(s.warnings.count - 20) more\n" }
        }
        if let detection { out += detectionSection(detection) }
        if maxRows > 0 {
            out += windowTable(windows, windowLength: s.windowLength, maxRows: maxRows, verdicts: detection?.verdicts)
        }
        return out
    }

    private static let columns: [(title: String, feature: WindowFeature, width: Int, share: Bool)] = [
        ("pkts/s", .packetsPerSecond, 8, false),
        ("bytes/s", .bytesPerSecond, 8, false),
        ("newfl/s", .newFlowsPerSecond, 8, false),
        ("SYN/s", .synPerSecond, 7, false),
        ("SYNACK/s", .synAckPerSecond, 9, false),
        ("SYN:SA", .synToSynAckRatio, 7, false),
        ("halfopen", .halfOpenConnections, 9, false),
        ("open", .openFlows, 7, false),
        ("RST/s", .rstPerSecond, 7, false),
        ("UDP", .udpShare, 7, true),
        ("ICMP", .icmpShare, 7, true),
        ("srcs", .distinctSources, 6, false),
        ("dports", .distinctDestinationPorts, 7, false),
        ("srcH", .sourceEntropy, 5, false),
        ("rtt ms", .medianHandshakeRTT, 7, false),
    ]

    /// How the packet detection's JSON and text name things.
    static func detectionNames(_ d: PacketDetection) -> DetectionSections.Names {
        DetectionSections.Names(
            objectKey: "detection", runsKey: "attacks", title: "Detection (\(d.kind), \(d.modelSource))",
            noRuns: "no attack windows", runsHeading: "attacks")
    }

    static func detectionSection(_ d: PacketDetection) -> String {
        let topSources = { (run: WindowRun<WindowRecord>) -> String in
            guard !run.offenders.isEmpty else { return "" }
            let shares = run.offenders.map { t in
                "\(t.address) (\(HumanFormat.percent(run.packets > 0 ? Double(t.packets) / Double(run.packets) : 0)))"
            }
            return "      top sources: " + shares.joined(separator: ", ") + "\n"
        }
        return DetectionSections.text(
            d, names: detectionNames(d), amount: { "\(HumanFormat.grouped($0.packets)) pkts" }, details: topSources)
    }

    static func windowTable(
        _ windows: [WindowRecord], windowLength: Double, maxRows: Int,
        verdicts: [WindowVerdict]? = nil
    ) -> String {
        guard !windows.isEmpty else { return "\nNo windows (no IP packets).\n" }
        let group = max(1, (windows.count + maxRows - 1) / max(1, maxRows))
        var out = "\nWindows (\(HumanFormat.compact(windowLength)) s, \(windows.count) windows"
        out += group > 1 ? "; each row averages \(group) consecutive windows, --rows 0 shows all):\n" : "):\n"
        var header = HumanFormat.pad("time (UTC)", 12, left: true)
        for c in columns { header += HumanFormat.pad(c.title, c.width) }
        if verdicts != nil { header += "  " + HumanFormat.pad("verdict", 18, left: true) }
        header += "  top talker\n"
        out += header
        var index = 0
        while index < windows.count {
            let slice = windows[index..<min(windows.count, index + group)]
            var means = [Double](repeating: 0, count: WindowFeature.allCases.count)
            for w in slice { for (i, v) in w.features.values.enumerated() { means[i] += v } }
            var line = HumanFormat.pad(
                HumanFormat.time(
                    slice.first!.start, dateless: true,
                    fractional: windowLength < 1), 12, left: true)
            for c in columns {
                let v = means[c.feature.rawValue] / Double(slice.count)
                line += HumanFormat.pad(c.share ? HumanFormat.percent(v) : HumanFormat.compact(v), c.width)
            }
            if let verdicts {
                line += "  " + HumanFormat.pad(verdictLabel(verdicts[slice.startIndex..<slice.endIndex]), 18, left: true)
            }
            let busiest = slice.max { $0.packets < $1.packets }
            if let top = busiest?.topTalkers.first, let busiest, busiest.packets > 0 {
                let share = Double(top.packets) / Double(busiest.packets)
                line += "  \(top.address) (\(HumanFormat.percent(share)))"
            }
            out += line + "\n"
            index += group
        }
        return out
    }

    /// The verdict of a group of windows: the attack seen most (with its count when not all
    /// windows share it), else `normal`.
    static func verdictLabel(_ verdicts: ArraySlice<WindowVerdict>) -> String {
        var counts: [String: Int] = [:]
        for v in verdicts where v.isAttack { counts[v.className, default: 0] += 1 }
        guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return ClassLabel.normal }
        return top.value == verdicts.count ? top.key : "\(top.key) \(top.value)/\(verdicts.count)"
    }
}
