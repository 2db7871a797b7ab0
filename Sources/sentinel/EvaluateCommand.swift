import ArgumentParser
import Foundation
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelOutput

/// `sentinel evaluate`: measures a saved model on labelled data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model file on labelled captures, access logs or a CSV file.",
        discussion: """
            Prints accuracy, per-class precision/recall/F1 and support, macro and weighted F1, \
            the confusion matrix, and how far the confidences can be trusted (a reliability \
            table: windows by the confidence of their verdict against the share right, the \
            expected calibration error and the log-loss). For captures, --per-file also says how each file's windows \
            were classified. A CSV is read the way the model was trained (its label column, \
            dropped columns and categories) unless the options say otherwise; features the \
            model needs but the data lacks are an error naming them.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The model file to measure.", valueName: "model.json"))
    var model: String

    @OptionGroup var data: DataArguments

    @Flag(name: .long, help: "Captures: a line per file with what its windows were classified as.")
    var perFile = false

    @Option(name: .long, help: "Print the metrics as text or json.")
    var format: MetricsFormat = .text

    @Option(name: .long, help: "Benign files: consecutive attack windows of one class that open an incident (as incidents.open_after).")
    var openAfter = 3

    @Option(name: .long, help: "Benign files: windows without the class that end an incident (as incidents.resolve_after).")
    var resolveAfter = 5

    @OptionGroup(title: "Site baseline (each file judged as a site of its own, in window order)")
    var site: BaselineArguments

    func validate() throws {
        guard openAfter >= 1, resolveAfter >= 1 else { throw ValidationError("--open-after and --resolve-after must be at least 1") }
    }

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write an HTML report (confusion-matrix heat map, per-class P/R/F1 bars, reliability diagram) to this file.",
            valueName: "report.html"))
    var html: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write each row's verdict as CSV (row, file, label, predicted, confidence: the model's probability of its class; and gated with a site baseline), to score it by intensity, dilution or time.",
            valueName: "predictions.csv"))
    var predictionsOut: String?

    func run() throws {
        let detectionModel: DetectionModel
        let evaluation: TrainingData
        let aligned: Dataset
        do {
            detectionModel = try DetectionModel.load(path: model)
            evaluation = try TrainingData.load(try data.source(schema: detectionModel.csvSchema), windowLength: data.window)
            aligned = try detectionModel.align(evaluation.dataset)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure(error)
        }
        for note in evaluation.notes { Console.error("note: \(note)") }
        let extra = detectionModel.extraFeatures(in: evaluation.dataset.featureNames)
        if !extra.isEmpty {
            Console.error("note: \(extra.count) column(s) the model does not read were ignored: \(extra.joined(separator: ", "))")
        }
        let unknown = evaluation.dataset.classNames.filter { !detectionModel.classNames.contains($0) }
        if !unknown.isEmpty {
            Console.error("warning: classes the model never learnt (it cannot predict them): \(unknown.joined(separator: ", "))")
        }
        let metrics: ClassificationMetrics
        let predictions: [[Double]]
        do {
            predictions = try detectionModel.probabilities(aligned)
            metrics = try detectionModel.evaluate(aligned)
        } catch {
            throw CommandFailure(error)
        }
        // The true class of each row in the model's class order (nil: a class it never learnt).
        let truth = aligned.labels.map { detectionModel.classNames.firstIndex(of: aligned.classNames[$0]) }
        let decisions = predictions.map(detectionModel.decide)
        let reliability = ReliabilityTable(probabilities: predictions, labels: truth, decisions: decisions)
        if let html {
            let page = EvaluationReport.html(
                metrics, reliability: reliability, model: "\(detectionModel.kind) from \(model)",
                data: "\(aligned.rowCount) rows of \((data.csv.map { [$0] } ?? data.captures + data.logs).joined(separator: ", "))",
                generator: ReportCommand.generator)
            do { try ReportFile.write(page, to: html) } catch { throw CommandFailure(error) }
            Console.error("report: \(html) (\(page.utf8.count) bytes)")
        }
        var predictedClasses = decisions.map { detectionModel.classNames[$0] }
        let ungated = predictedClasses
        var gatedMetrics: ClassificationMetrics?
        if site.isRequested {
            let made: SiteGate<WindowRecord>? = try site.siteGate(kind: "packets")
            guard let start = made else { throw CommandFailure("--baseline: not a baseline of packet windows") }
            do {
                predictedClasses = try GatedVerdicts.classes(
                    evaluation, probabilities: predictions, model: detectionModel, windowSeconds: data.window, gate: { start })
                var names = metrics.classNames
                if !names.contains(ClassLabel.unknownAnomaly) { names.append(ClassLabel.unknownAnomaly) }
                gatedMetrics = try ClassificationMetrics(
                    trueLabels: aligned.labels.map { names.firstIndex(of: aligned.classNames[$0])! },
                    predictedLabels: predictedClasses.map { names.firstIndex(of: $0)! }, classNames: names)
            } catch {
                throw CommandFailure(error)
            }
        }
        if let predictionsOut {
            try Self.writePredictions(
                to: predictionsOut, data: evaluation, truth: aligned.labels.map { aligned.classNames[$0] }, predicted: ungated,
                confidence: zip(predictions, decisions).map { $0[$1] }, gated: gatedMetrics == nil ? nil : predictedClasses)
        }
        let files = perFile ? Validation.perFile(evaluation, predicted: predictedClasses) : []
        let benign =
            evaluation.fileOfRow == nil
            ? nil
            : FalseIncidents(
                evaluation, predicted: predictedClasses, windowSeconds: data.window, openAfter: openAfter, resolveAfter: resolveAfter)
        switch format {
        case .json:
            var object: [String: Any] = [
                "model": model, "kind": detectionModel.kind.rawValue, "rows": aligned.rowCount,
                "metrics": MetricsOutput.object(metrics), "calibration": MetricsOutput.object(reliability),
            ]
            if let gatedMetrics { object["gated_metrics"] = MetricsOutput.object(gatedMetrics) }
            if perFile {
                object["files"] = files.map(MetricsOutput.object)
            }
            if let benign, benign.files > 0 {
                object["benign"] = [
                    "files": benign.files, "windows": benign.windows, "flagged": benign.flagged, "seconds": benign.seconds,
                    "false_incidents": benign.incidents, "false_incidents_per_day": benign.perDay,
                    "unknown_anomaly": benign.unusual, "unknown_anomaly_incidents": benign.unusualIncidents,
                    "open_after": openAfter, "resolve_after": resolveAfter,
                ]
            }
            Console.output(MetricsOutput.json(object))
        case .text:
            var out = "\(detectionModel.kind) from \(model) on \(aligned.rowCount) rows:\n\n\(metrics)\n"
            out += MetricsOutput.falsePositiveLine(metrics)
            out += MetricsOutput.reliabilityText(reliability)
            if let gatedMetrics {
                out +=
                    "\nwith the site gate (\(site.baseline.map { "baseline \($0)" } ?? "each file's baseline learnt as it goes, warm-up \(site.baselineWarmup) windows")):\n\n"
                out += "\(gatedMetrics)\n" + MetricsOutput.falsePositiveLine(gatedMetrics)
                out += Self.flaggedLine(truth: aligned.labels.map { aligned.classNames[$0] }, before: ungated, after: predictedClasses)
            }
            if let benign, benign.files > 0 {
                out += Self.benignLine(benign, openAfter: openAfter, resolveAfter: resolveAfter)
            }
            if perFile {
                out +=
                    "\n" + MetricsOutput.fileTable(files, metrics: metrics, heldOut: false).components(separatedBy: "\nOver all")[0] + "\n"
            }
            Console.output(out)
        }
    }

    /// Writes `--predictions-out`: one line per row, in row order.
    static func writePredictions(
        to path: String, data: TrainingData, truth: [String], predicted: [String], confidence: [Double], gated: [String]?
    ) throws {
        do {
            let writer = try LineFileWriter(path: path)
            writer.write(line: "row,file,label,predicted,confidence" + (gated == nil ? "" : ",gated"))
            for row in truth.indices {
                let file = data.fileOfRow.map { CSVField.quoted(data.files[$0[row]]) } ?? ""
                let p = String(format: "%.4f", confidence[row])
                writer.write(line: "\(row),\(file),\(truth[row]),\(predicted[row]),\(p)" + (gated.map { ",\($0[row])" } ?? ""))
            }
            writer.close()
        } catch {
            throw CommandFailure(error)
        }
    }

    /// Attack windows flagged as anything (an attack class or `unknown_anomaly`), with and without the gate.
    static func flaggedLine(truth: [String], before: [String], after: [String]) -> String {
        let attacks = truth.indices.filter { truth[$0] != ClassLabel.normal }
        guard !attacks.isEmpty else { return "" }
        let share = { (classes: [String]) in 100 * Double(attacks.filter { classes[$0] != ClassLabel.normal }.count) / Double(attacks.count)
        }
        return String(
            format:
                "attack windows flagged as anything (an attack class or unknown_anomaly): %.1f %% with the gate, %.1f %% by the model alone\n",
            share(after), share(before))
    }

    /// One line on crying wolf: flagged benign windows and the incidents they would open.
    static func benignLine(_ b: FalseIncidents, openAfter: Int, resolveAfter: Int) -> String {
        let share = b.windows == 0 ? 0 : 100 * Double(b.flagged) / Double(b.windows)
        return "benign files: \(b.files) (\(b.windows) windows, \(String(format: "%.0f", b.seconds)) s): "
            + "\(b.flagged) flagged (\(String(format: "%.2f", share)) %), \(b.incidents) false incident(s) "
            + "(open after \(openAfter), resolve after \(resolveAfter)) = \(String(format: "%.1f", b.perDay)) per 24 h\n"
            + (b.unusual > 0
                ? "  and \(b.unusual) unknown_anomaly window(s), \(b.unusualIncidents) incident(s) of it (alerted at a lower severity, never enforced)\n"
                : "")
    }
}
