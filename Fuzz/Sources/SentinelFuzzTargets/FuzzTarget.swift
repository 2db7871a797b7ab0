/// One thing the fuzzer feeds: a name (`scripts/fuzz.sh NAME`), what the bytes stand for, and
/// the function that reads them the way the sentinel does.
///
/// A target never throws: every error a reader reports is a correct answer to a bad input.
/// What counts as a finding is a trap (a Swift runtime check, a `precondition`), a memory
/// error AddressSanitizer sees, a hang or unbounded memory: exactly what would take
/// `sentinel run` down on a gateway. The same functions replay the committed corpora and
/// every finding in the normal test suite (`Tests/SentinelFuzzTests`).
package struct FuzzTarget: Sendable {
    /// The name used by `scripts/fuzz.sh`, the corpus folder and the dictionary.
    package let name: String
    /// What the input bytes are.
    package let summary: String
    /// Reads one input.
    package let run: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Runs one input held in an array (the replay tests' form).
    package func replay(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }

    /// Every target, in the order `scripts/fuzz.sh` runs them.
    package static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "capture-file", summary: "a pcap or pcapng file, analysed like `sentinel analyze`", run: CaptureTargets.captureFile),
        FuzzTarget(
            name: "decoder", summary: "frames of any link type through the decoder, flow table and windows",
            run: CaptureTargets.frames),
        FuzzTarget(
            name: "log-combined", summary: "combined/common access-log lines into log windows", run: LogTargets.combined),
        FuzzTarget(name: "log-haproxy", summary: "HAProxy httplog lines into log windows", run: LogTargets.haproxy),
        FuzzTarget(name: "log-json", summary: "JSON access-log lines into log windows", run: LogTargets.json),
        FuzzTarget(
            name: "log-analysis", summary: "an access log of any format, analysed like `sentinel analyze --log`",
            run: LogTargets.analysis),
        FuzzTarget(name: "timestamps", summary: "log and series timestamp texts", run: TextTargets.timestamps),
        FuzzTarget(name: "csv-dataset", summary: "a labelled CSV file, read like `sentinel train --csv`", run: TextTargets.csvDataset),
        FuzzTarget(name: "config-yaml", summary: "a sentinel.yaml configuration", run: TextTargets.configuration),
        FuzzTarget(name: "model-file", summary: "a model file, loaded and asked for a verdict", run: ModelTargets.modelFile),
        FuzzTarget(name: "baseline-file", summary: "a site baseline file, loaded and asked to assess", run: ModelTargets.baselineFile),
        FuzzTarget(name: "series-csv", summary: "a load series CSV, read and scored for anomalies", run: TextTargets.series),
        FuzzTarget(name: "trace-csv", summary: "a planner trace CSV (`sentinel plan --trace`)", run: TextTargets.trace),
    ]

    /// The target called `name`.
    package static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
