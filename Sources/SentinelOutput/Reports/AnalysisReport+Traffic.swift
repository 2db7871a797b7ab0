import SentinelDetection
import SentinelFeatures

extension AnalysisReport {
    /// Most incidents given their own offender chart (all are listed in the table).
    static let incidentCharts = 8

    /// The attack runs: a table, and the offending sources of each.
    static func incidents(_ page: inout HTMLDocument, detection: PacketDetection?) {
        guard let detection else { return }
        page.heading("Incidents", id: "incidents")
        guard !detection.runs.isEmpty else { page.paragraph("No attack windows.", className: "note"); return }
        let colors = Palette.classColors(detection.classNames)
        page.table(
            headers: ["#", "class", "start (UTC)", "end", "windows", "confidence", "packets", "top sources", "why"],
            rows: detection.runs.enumerated().map { i, run in
                [
                    "\(i + 1)", run.className, TimeFormat.dateTime(run.start), TimeFormat.clock(run.end), Markup.count(run.windows),
                    Markup.percent(run.meanConfidence), Markup.count(run.packets),
                    run.offenders.map(\.address.description).joined(separator: ", "), run.reasons.prefix(4).joined(separator: "; "),
                ]
            }, numeric: [0, 4, 5, 6])
        var figures: [String] = []
        for (i, run) in detection.runs.prefix(incidentCharts).enumerated() where !run.offenders.isEmpty {
            let bars = run.offenders.map { talker in
                BarChart.Bar(
                    label: talker.address.description, value: Double(talker.packets),
                    valueText:
                        "\(Markup.compact(Double(talker.packets))) (\(Markup.percent(Double(talker.packets) / Double(max(run.packets, 1)))))",
                    title:
                        "\(talker.address): \(Markup.count(talker.packets)) packets, \(Markup.bytes(Double(talker.bytes))), \(Markup.count(talker.syns)) SYN",
                    color: colors[run.className] ?? Palette.qualitative[0])
            }
            let svg = BarChart(
                id: "incident-\(i + 1)-offenders", title: "Incident \(i + 1) offenders", valueLabel: "packets in the incident",
                bars: bars
            ).render()
            figures.append(
                HTMLDocument.figureMarkup(
                    svg,
                    caption:
                        "Incident \(i + 1) (\(run.className)): heaviest sources over its windows, packets (share of the incident's packets)."
                ))
        }
        page.row(figures)
        if detection.runs.count > incidentCharts {
            page.paragraph(
                "Offender charts are drawn for the first \(incidentCharts) of \(detection.runs.count) incidents; the table lists all.",
                className: "note")
        }
    }

    /// Top talkers, protocol mix and destination ports over the whole capture.
    static func traffic(_ page: inout HTMLDocument, _ summary: AnalysisSummary, ports: PortTally?) {
        page.heading("Traffic", id: "traffic")
        var figures: [String] = []
        if !summary.topTalkers.isEmpty {
            let total = Double(max(summary.ipPackets, 1))
            let bars = summary.topTalkers.map { t in
                BarChart.Bar(
                    label: t.address.description, value: Double(t.packets),
                    valueText: "\(Markup.compact(Double(t.packets))) (\(Markup.percent(Double(t.packets) / total)))",
                    title: "\(t.address): \(Markup.count(t.packets)) packets, \(Markup.bytes(Double(t.bytes))), \(Markup.count(t.syns)) SYN"
                )
            }
            figures.append(
                HTMLDocument.figureMarkup(
                    BarChart(id: "top-talkers", title: "Top talkers", valueLabel: "packets sent", bars: bars).render(),
                    caption: "Heaviest sources over the whole capture, packets (share of IP packets)."))
        }
        if !summary.protocols.isEmpty {
            let total = Double(summary.protocols.values.reduce(0, +))
            let bars = summary.protocols.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.enumerated().map { i, item in
                BarChart.Bar(
                    label: item.key, value: Double(item.value),
                    valueText: "\(Markup.compact(Double(item.value))) (\(Markup.percent(Double(item.value) / max(total, 1))))",
                    title: "\(item.key): \(Markup.count(item.value)) packets", color: Palette.series[(i + 1) % Palette.series.count])
            }
            figures.append(
                HTMLDocument.figureMarkup(
                    BarChart(id: "protocol-mix", title: "Protocol mix", valueLabel: "IP packets", bars: bars).render(),
                    caption: "IP packets by transport protocol."))
        }
        if let ports, ports.flows > 0 {
            let bars = ports.top(12).map { item in
                BarChart.Bar(
                    label: item.port, value: Double(item.flows),
                    valueText: "\(Markup.compact(Double(item.flows))) (\(Markup.percent(Double(item.flows) / Double(ports.flows))))",
                    title: "\(item.port): \(Markup.count(item.flows)) flows, \(Markup.count(Int(item.packets))) packets",
                    color: Palette.series[2])
            }
            figures.append(
                HTMLDocument.figureMarkup(
                    BarChart(id: "destination-ports", title: "Destination ports", valueLabel: "flows", bars: bars).render(),
                    caption:
                        "Flows per server port (the top \(bars.count) of \(ports.ports.count)), share of \(Markup.count(ports.flows)) flows."
                ))
        }
        page.row(figures)
    }
}
