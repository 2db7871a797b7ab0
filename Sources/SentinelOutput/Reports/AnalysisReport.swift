import SentinelDetection
import SentinelFeatures

/// The HTML report of an offline analysis: timelines with verdict bands and incidents,
/// class probabilities over time, incidents with their offenders, traffic mix, and the
/// same for access logs. One self-contained page.
package enum AnalysisReport {
    /// What the report shows; every part is optional.
    package struct Input: Sendable {
        /// The page title.
        package var title: String
        /// The packet analysis.
        package var analysis: OfflineAnalysis.Result?
        /// The verdicts on the packet windows.
        package var detection: PacketDetection?
        /// The access-log analysis (with its verdicts, if classified).
        package var logs: LogAnalysis.Result?
        /// Flows per destination port.
        package var ports: PortTally?
        /// Sections appended after the built-in ones (the planner's, once it exists).
        package var sections: [ReportSection]
        /// The program that made the report (`sentinel 0.2.0`).
        package var generator: String

        /// Creates the input.
        package init(
            title: String = "Sentinel report", analysis: OfflineAnalysis.Result? = nil, detection: PacketDetection? = nil,
            logs: LogAnalysis.Result? = nil, ports: PortTally? = nil, sections: [ReportSection] = [],
            generator: String = "sentinel"
        ) {
            self.title = title
            self.analysis = analysis
            self.detection = detection
            self.logs = logs
            self.ports = ports
            self.sections = sections
            self.generator = generator
        }
    }

    /// Most points drawn per chart before windows are grouped (mean and min–max per group).
    package static let defaultMaxPoints = 1500

    /// The page.
    /// - Parameter maxPoints: most points per chart; more windows are grouped into buckets.
    package static func html(_ input: Input, maxPoints: Int = defaultMaxPoints) -> String {
        var page = HTMLDocument(title: input.title)
        page.heading(input.title, level: 1)
        page.paragraph("Made by \(input.generator). Times are UTC. Hover a chart for the values of a point.", className: "meta")
        if let analysis = input.analysis {
            overview(&page, analysis, detection: input.detection)
            timeline(&page, analysis.windows, detection: input.detection, maxPoints: maxPoints)
            probabilities(
                &page, spansOf: analysis.windows.map { ($0.start, $0.end) }, verdicts: input.detection?.verdicts,
                classNames: input.detection?.classNames, id: "probabilities", what: "packet windows", maxPoints: maxPoints)
            incidents(&page, detection: input.detection)
            traffic(&page, analysis.summary, ports: input.ports)
        }
        if let logs = input.logs { logSection(&page, logs, maxPoints: maxPoints) }
        for (i, section) in input.sections.enumerated() {
            page.heading(section.title, id: "section-\(i + 1)")
            for text in section.paragraphs { page.paragraph(text) }
            if let header = section.table.first { page.table(headers: header, rows: Array(section.table.dropFirst())) }
        }
        if input.analysis == nil && input.logs == nil { page.paragraph("Nothing was analysed.", className: "note") }
        return page.render()
    }

    static func overview(_ page: inout HTMLDocument, _ analysis: OfflineAnalysis.Result, detection: PacketDetection?) {
        let summary = analysis.summary
        page.paragraph("Captures: " + summary.sources.joined(separator: ", "), className: "meta")
        if let first = summary.firstTimestamp, let last = summary.lastTimestamp {
            page.paragraph("\(TimeFormat.dateTime(first)) → \(TimeFormat.dateTime(last)) UTC", className: "meta")
        }
        var cards: [(String, String)] = [
            (TimeFormat.duration(summary.duration), "duration"),
            (Markup.count(summary.frames), "frames (\(Markup.count(summary.malformedTotal)) malformed)"),
            (Markup.bytes(Double(summary.bytes)), "on the wire"),
            (Markup.count(summary.flows.created), "flows"),
            (Markup.count(analysis.windows.count), "windows of \(Markup.compact(summary.windowLength)) s"),
        ]
        if let detection {
            let attacks = detection.verdicts.filter(\.isAttack).count
            cards.append((Markup.count(detection.runs.count), "incidents"))
            cards.append((Markup.count(attacks), "attack windows"))
        }
        page.cards(cards)
        if let detection {
            page.paragraph(
                "Model: \(detection.kind) from \(detection.modelSource). Windows per verdict: "
                    + detection.windowsPerClass.filter { $0.windows > 0 }.map { "\($0.name) \(Markup.count($0.windows))" }.joined(
                        separator: " · "),
                className: "meta")
        } else {
            page.paragraph("Windows were not classified (no model).", className: "note")
        }
        for warning in summary.warnings.prefix(5) { page.paragraph("warning: \(warning)", className: "note") }
    }
}
