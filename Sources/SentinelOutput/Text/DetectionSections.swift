import SentinelCore
import SentinelDetection

/// The parts of a ``SentinelDetection/Detection`` that packet and log windows write alike
/// (JSON object and text section); each window kind adds its run summary.
enum DetectionSections {
    /// How one window kind names things.
    struct Names {
        /// The JSON key of the detection object (`detection`, `log_detection`).
        var objectKey: String
        /// The JSON key of the runs (`attacks`, `runs`).
        var runsKey: String
        /// The text section's title (`Detection (kind, model)`).
        var title: String
        /// The line when there is no run.
        var noRuns: String
        /// The text heading of the runs (`attacks`, `runs`).
        var runsHeading: String
    }

    /// The detection object: model, (kind), classes, windows per class and every run.
    static func writeJSON<Window>(
        _ d: Detection<Window>, names: Names, kind: Bool, into json: inout JSONWriter,
        summary: (WindowRun<Window>, inout JSONWriter) -> Void
    ) {
        json.beginObject(names.objectKey)
        json.string("model", d.modelSource)
        if kind { json.string("kind", d.kind.rawValue) }
        json.strings("classes", d.classNames)
        json.beginObject("windows_per_class")
        for (name, count) in d.windowsPerClass { json.number(name, count) }
        json.endObject()
        json.beginArray(names.runsKey)
        for run in d.runs {
            json.beginObject()
            json.string("class", run.className)
            json.number("start", run.start)
            json.number("end", run.end)
            json.number("windows", run.windows)
            json.number("mean_confidence", run.meanConfidence)
            summary(run, &json)
            json.strings("explanation", run.reasons)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// The text section: windows per class and each run (the first 50) with its reasons.
    /// - Parameters:
    ///   - amount: the run's volume (`1,234 pkts`).
    ///   - details: lines between the run and its reasons (top sources).
    static func text<Window>(
        _ d: Detection<Window>, names: Names, amount: (WindowRun<Window>) -> String,
        details: (WindowRun<Window>) -> String = { _ in "" }
    ) -> String {
        var out = "\n\(names.title):\n  windows: "
        out += d.windowsPerClass.filter { $0.windows > 0 }.map { "\($0.name) \($0.windows)" }.joined(separator: " · ") + "\n"
        if d.runs.isEmpty { return out + "  \(names.noRuns)\n" }
        out += "  \(names.runsHeading) (\(d.runs.count)):\n"
        for run in d.runs.prefix(50) {
            out += "  \(HumanFormat.time(run.start, dateless: true)) → \(HumanFormat.time(run.end, dateless: true))  "
            out += HumanFormat.pad(run.className, 20, left: true)
            out += " \(run.windows) window\(run.windows == 1 ? "" : "s"), confidence \(HumanFormat.percent(run.meanConfidence)), "
            out += amount(run) + "\n"
            out += details(run)
            if !run.reasons.isEmpty { out += "      why: " + run.reasons.joined(separator: "; ") + "\n" }
        }
        if d.runs.count > 50 { out += "  … and \(d.runs.count - 50) more (see --format json)\n" }
        return out
    }
}
