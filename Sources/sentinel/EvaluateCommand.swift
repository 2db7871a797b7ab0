import ArgumentParser
import Foundation
import SentinelDetection
import SentinelLearning
import SentinelOutput

/// `sentinel evaluate`: measures a saved model on labelled data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure a model file on labelled captures, access logs or a CSV file.",
        discussion: """
            Prints accuracy, per-class precision/recall/F1 and support, macro and weighted F1 \
            and the confusion matrix. For captures, --per-file also says how each file's windows \
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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Also write an HTML report (confusion-matrix heat map, per-class P/R/F1 bars) to this file.", valueName: "report.html"))
    var html: String?

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
        if let html {
            let page = EvaluationReport.html(
                metrics, model: "\(detectionModel.kind) from \(model)",
                data: "\(aligned.rowCount) rows of \((data.csv.map { [$0] } ?? data.captures + data.logs).joined(separator: ", "))",
                generator: ReportCommand.generator)
            do { try ReportFile.write(page, to: html) } catch { throw CommandFailure(error) }
            Console.error("report: \(html) (\(page.utf8.count) bytes)")
        }
        let files =
            perFile
            ? Validation.perFile(evaluation, predicted: predictions.map { detectionModel.classNames[detectionModel.decide($0)] }) : []
        switch format {
        case .json:
            var object: [String: Any] = [
                "model": model, "kind": detectionModel.kind.rawValue, "rows": aligned.rowCount,
                "metrics": MetricsOutput.object(metrics),
            ]
            if perFile {
                object["files"] = files.map(MetricsOutput.object)
            }
            Console.output(MetricsOutput.json(object))
        case .text:
            var out = "\(detectionModel.kind) from \(model) on \(aligned.rowCount) rows:\n\n\(metrics)\n"
            out += MetricsOutput.falsePositiveLine(metrics)
            if perFile {
                out +=
                    "\n" + MetricsOutput.fileTable(files, metrics: metrics, heldOut: false).components(separatedBy: "\nOver all")[0] + "\n"
            }
            Console.output(out)
        }
    }
}
