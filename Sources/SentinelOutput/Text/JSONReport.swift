import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures

/// The `--format json` document: `{"summary": {...}, "windows": [{start, end, features…}]}`.
package enum JSONReport {
    /// Renders the whole document; with a detection, each window gains `verdict`,
    /// `confidence`, `p_<class>` and `explanation`, and a `detection` object lists the
    /// attack runs.
    /// With access logs, `log_summary` and `log_windows` are added; without captures (a nil
    /// summary) the document holds only those.
    package static func render(
        summary: AnalysisSummary?, windows: [WindowRecord], detection: PacketDetection? = nil,
        logs: LogAnalysis.Result? = nil
    ) -> String {
        var json = JSONWriter()
        json.beginObject()
        if let summary {
            writeSummary(summary, into: &json)
            if let detection { writeDetection(detection, into: &json) }
            json.beginArray("windows")
            for (index, window) in windows.enumerated() {
                json.newline()
                writeWindow(window, verdict: detection.map { ($0.classNames, $0.verdicts[index]) }, into: &json)
            }
            json.endArray()
        }
        if let logs { LogReport.writeJSON(logs, into: &json) }
        json.endObject()
        json.newline()
        return json.text
    }

    /// Writes one window object: `start`, `end`, `packets`, every feature by name,
    /// `top_talkers`, and with a verdict `verdict`, `confidence`, `p_<class>`, `explanation`.
    package static func writeWindow(
        _ window: WindowRecord, verdict: (classes: [String], verdict: WindowVerdict)? = nil,
        into json: inout JSONWriter
    ) {
        json.beginObject()
        json.number("start", window.start)
        json.number("end", window.end)
        json.number("packets", window.packets)
        for feature in WindowFeature.allCases {
            json.number(feature.name, window.features[feature])
        }
        writeTalkers("top_talkers", window.topTalkers, into: &json)
        if let (classes, verdict) = verdict { writeVerdict(verdict, classes: classes, into: &json) }
        json.endObject()
    }

    /// A window's `verdict`, `confidence`, `p_<class>` and `explanation` members (packet and
    /// log windows alike).
    static func writeVerdict(_ verdict: WindowVerdict, classes: [String], into json: inout JSONWriter) {
        json.string("verdict", verdict.className)
        json.number("confidence", verdict.confidence)
        for (name, p) in zip(classes, verdict.probabilities) { json.number("p_" + name, p) }
        json.strings("explanation", verdict.explanation?.reasons ?? [])
    }

    static func writeDetection(_ d: PacketDetection, into json: inout JSONWriter) {
        DetectionSections.writeJSON(d, names: TextReport.detectionNames(d), kind: true, into: &json) { run, json in
            json.number("packets", run.packets)
            writeTalkers("top_offenders", run.offenders, into: &json)
        }
    }

    static func writeTalkers(_ key: String, _ talkers: [Talker], into json: inout JSONWriter) {
        json.beginArray(key)
        for talker in talkers {
            json.beginObject()
            json.string("source", talker.address.description)
            json.number("packets", talker.packets)
            json.number("bytes", talker.bytes)
            json.number("syn", talker.syns)
            json.endObject()
        }
        json.endArray()
    }

    static func writeSummary(_ s: AnalysisSummary, into json: inout JSONWriter) {
        json.beginObject("summary")
        json.strings("sources", s.sources)
        json.number("frames", s.frames)
        json.number("ip_packets", s.ipPackets)
        json.number("non_ip_frames", s.nonIPFrames)
        json.number("bytes", s.bytes)
        if let first = s.firstTimestamp { json.number("start", first) } else { json.null("start") }
        if let last = s.lastTimestamp { json.number("end", last) } else { json.null("end") }
        json.number("duration_s", s.duration)
        json.beginObject("protocols")
        for (name, count) in s.protocols.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
            json.number(name, count)
        }
        json.endObject()
        json.number("malformed_total", s.malformedTotal)
        json.beginObject("malformed")
        for reason in MalformedReason.allCases { json.number(reason.rawValue, s.malformed[reason] ?? 0) }
        json.endObject()
        json.beginObject("flows")
        json.number("created", s.flows.created)
        json.number("evicted", s.flows.evicted)
        json.number("peak_open", s.flows.peakOpen)
        json.beginObject("closed")
        for reason in [FlowCloseReason.idle, .active, .fin, .rst, .evicted, .end] {
            json.number(reason.rawValue, s.flows.closed[reason] ?? 0)
        }
        json.endObject()
        json.endObject()
        writeTalkers("top_talkers", s.topTalkers, into: &json)
        json.number("window_s", s.windowLength)
        json.number("windows", s.windows)
        json.number("clock_jumps", s.clockJumps)
        json.number("late_packets", s.latePackets)
        json.beginObject("capture")
        json.number("received", s.capture.received)
        json.number("dropped_kernel", s.capture.droppedByKernel)
        json.number("dropped_interface", s.capture.droppedByInterface)
        json.number("unreadable_records", s.capture.unreadableRecords)
        json.endObject()
        json.strings("warnings", s.warnings)
        json.endObject()
    }
}
