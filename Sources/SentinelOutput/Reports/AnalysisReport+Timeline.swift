import SentinelDetection
import SentinelFeatures

extension AnalysisReport {
    /// Packets/s (with SYN/s), bytes/s and new flows/s, each with verdict bands and incidents.
    static func timeline(_ page: inout HTMLDocument, _ windows: [WindowRecord], detection: PacketDetection?, maxPoints: Int) {
        page.heading("Timeline", id: "timeline")
        guard !windows.isEmpty else { page.paragraph("No windows.", className: "note"); return }
        let frame = TimelineFrame(windows, detection: detection, maxPoints: maxPoints, markerPrefix: "", title: incidentTitle)
        let (buckets, spans, verdicts) = (frame.buckets, frame.spans, frame.verdicts)
        let pps = windows.map { $0.features[.packetsPerSecond] }
        let charts: [(id: String, title: String, unit: String, series: [(String, WindowFeature)])] = [
            ("timeline-packets", "Packets per second", "packets/s", [("packets/s", .packetsPerSecond), ("TCP SYN/s", .synPerSecond)]),
            ("timeline-bytes", "Bytes per second", "bytes/s", [("bytes/s", .bytesPerSecond)]),
            ("timeline-flows", "New flows per second", "flows/s", [("new flows/s", .newFlowsPerSecond)]),
        ]
        let aggregatedPPS = buckets.aggregate(pps)
        let titles = buckets.ranges.enumerated().map { b, range in
            pointTitle(
                spans[b], windows: range.count, value: aggregatedPPS.mean[b], unit: "packets/s",
                low: aggregatedPPS.minimum[b], high: aggregatedPPS.maximum[b], verdict: verdicts?[b], detection: detection, range: range)
        }
        for chart in charts {
            let svg = frame.chart(
                id: chart.id, title: chart.title, unit: chart.unit,
                series: chart.series.map { name, feature in (name, windows.map { $0.features[feature] }) },
                pointTitles: chart.id == "timeline-packets" ? titles : nil)
            page.figure(
                svg,
                caption: "\(chart.title) (\(chart.unit)) per \(Markup.compact(windows[0].end - windows[0].start)) s window; "
                    + "\(Markup.count(windows.count)) windows, \(buckets.caption). "
                    + (detection == nil
                        ? ""
                        : "Bands: verdict of the windows (a point with any attack window takes its most frequent attack class; normal has no band). Numbered bars: incidents.")
            )
        }
    }

    /// The mean probability of each class per point, stacked.
    static func probabilities(
        _ page: inout HTMLDocument, spansOf windowSpans: [(Double, Double)], verdicts: [WindowVerdict]?,
        classNames: [String]?, id: String, what: String, maxPoints: Int
    ) {
        guard let verdicts, let classNames, !verdicts.isEmpty else { return }
        page.heading("Class probabilities over time (\(what))", id: id)
        let buckets = WindowBuckets(windowCount: verdicts.count, maxPoints: maxPoints)
        let spans = buckets.ranges.map { (start: windowSpans[$0.lowerBound].0, end: windowSpans[$0.upperBound - 1].1) }
        let layers = classNames.indices.map { c in
            buckets.aggregate(verdicts.map { c < $0.probabilities.count ? $0.probabilities[c] : 0 }).mean
        }
        let titles = buckets.ranges.enumerated().map { b, range in
            let top = classNames.indices.sorted { layers[$0][b] > layers[$1][b] }.prefix(3)
            return "\(TimeFormat.clock(spans[b].start)) (\(range.count) window\(range.count == 1 ? "" : "s")): "
                + top.map { "\(classNames[$0]) \(Markup.percent(layers[$0][b]))" }.joined(separator: ", ")
        }
        let svg = StackedAreaChart(
            id: id, title: "Class probabilities (\(what))", classNames: classNames,
            classColors: Palette.classColors(classNames), spans: spans, probabilities: layers,
            pointTitles: titles
        ).render()
        page.figure(
            svg,
            caption:
                "How sure the model was: the probability of each class per window, stacked to 1; \(buckets.caption.replacingOccurrences(of: ": line = mean, shaded = min–max", with: ", mean probability"))."
        )
    }

    static func incidentTitle(_ index: Int, _ run: AttackRun) -> String {
        "Incident \(index + 1): \(run.className), \(TimeFormat.clock(run.start)) → \(TimeFormat.clock(run.end)), \(run.windows) windows, "
            + "confidence \(Markup.percent(run.meanConfidence)), \(Markup.count(run.packets)) packets; top sources: "
            + run.offenders.prefix(3).map(\.address.description).joined(separator: ", ")
    }

    static func pointTitle(
        _ span: (start: Double, end: Double), windows: Int, value: Double, unit: String, low: Double, high: Double,
        verdict: String?, detection: PacketDetection?, range: Range<Int>
    ) -> String {
        var text =
            windows == 1
            ? "\(TimeFormat.clock(span.start)): \(Markup.compact(value)) \(unit)"
            : "\(TimeFormat.clock(span.start)) → \(TimeFormat.clock(span.end)) (\(windows) windows): mean \(Markup.compact(value)) \(unit), min \(Markup.compact(low)), max \(Markup.compact(high))"
        if let verdict, let detection {
            if windows == 1 {
                text += "; verdict \(verdict) (\(Markup.percent(detection.verdicts[range.lowerBound].confidence)))"
            } else {
                let attacks = range.filter { detection.verdicts[$0].isAttack }.count
                text += "; verdict \(verdict) (\(attacks) of \(windows) windows attacks)"
            }
        }
        return text
    }
}
