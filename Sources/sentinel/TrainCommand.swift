import ArgumentParser
import Foundation
import SentinelDetection
import SentinelLearning

/// `sentinel train`: fits a classifier to labelled captures or a CSV file and saves it.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a classifier on labelled captures, access logs or a CSV file and save it as a model file.",
        discussion: """
            A stratified share of the rows (--test-fraction, default 25 %) is held out; the \
            metrics printed are measured on it. --leave-one-file-out (captures, logs) also trains once per \
            file without it and reports how each unseen file was classified: the honest check for \
            traffic from other networks. Standardisation is fitted on the training part only.

            Examples:
              sentinel train --captures captures -o model.json
              sentinel train --logs captures/logs --model tree --leave-one-file-out -o models/logs.json
              sentinel train --csv flows.csv --label-column Label --drop-columns 'Flow ID,Src IP' --model tree -o tree.json
            """
    )

    @OptionGroup var data: DataArguments
    @OptionGroup var hyper: HyperparameterArguments

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the model file.", valueName: "model.json"))
    var output: String

    @Option(name: .long, help: "Share of each class held out for the metrics (0 < f < 1).")
    var testFraction: Double = 0.25

    @Flag(name: .long, help: "After measuring on the held-out part, fit the saved model on all rows.")
    var fitAll = false

    @Flag(
        name: .long,
        help:
            "Fit a temperature on held-out predictions (those of --leave-one-file-out when given: files or groups each model never saw; else the held-out part) and save it in the model, so its confidence means what it says on unseen traffic."
    )
    var calibrate = false

    @Option(name: .long, help: "Also run stratified k-fold cross-validation with this many folds.")
    var folds: Int?

    @Flag(name: .long, help: "Captures and logs: also hold out each file in turn and report how it was classified.")
    var leaveOneFileOut = false

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "With --leave-one-file-out: hold out only files whose path contains this text (repeatable).", valueName: "text"))
    var holdOut: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the split as CSV (row,part: row counts data rows from 0 after dropped rows; part train or test), to reproduce it elsewhere.",
            valueName: "file"))
    var splitOut: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the rows used (features and a class column) as CSV, e.g. capture windows for other tools.",
            valueName: "file"))
    var datasetOut: String?

    @Option(name: .long, help: "Print the metrics as text or json.")
    var format: MetricsFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --leave-one-file-out: hold out groups of files (a site, a recording family); a file's group is the first capture group of this regular expression in its path, e.g. '__(bg_[a-z0-9_]+)__' for the lab grid's background.",
            valueName: "regex"))
    var groupPattern: String?

    func validate() throws {
        guard testFraction > 0, testFraction < 1 else { throw ValidationError("--test-fraction must be strictly between 0 and 1") }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2") }
        if leaveOneFileOut, data.csv != nil { throw ValidationError("--leave-one-file-out needs --captures or --logs") }
        if groupPattern != nil, !leaveOneFileOut { throw ValidationError("--group-pattern needs --leave-one-file-out") }
    }

    func run() throws {
        let source = try data.source()
        var training: TrainingData
        do {
            Console.error("reading \(source.description) …")
            training = try TrainingData.load(source, windowLength: data.window)
            if let features = hyper.featureList { training = try training.selecting(features: features) }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw CommandFailure(error)
        }
        for note in training.notes { Console.error("note: \(note)") }
        let plan = try hyper.plan()
        var options = TrainingRun.Options()
        options.plan = plan
        options.testFraction = testFraction
        options.refitOnAll = fitAll
        options.trainer = "sentinel \(SentinelCommand.configuration.version)"
        let dataset = training.dataset
        Console.error(
            "\(dataset.rowCount) rows, \(dataset.columnCount) features, classes: "
                + zip(dataset.classNames, dataset.classCounts).map { "\($0) \($1)" }.joined(separator: ", "))

        var session = TrainingSession(options: options, modelOut: output)
        session.leaveOneFileOut = leaveOneFileOut
        session.holdOut = holdOut
        session.groupPattern = groupPattern
        session.folds = folds
        session.calibrate = calibrate
        session.datasetOut = datasetOut
        session.splitOut = splitOut
        let trained: TrainingSession.Result = try CommandFailure.wrapping {
            try session.run(training) { Console.error("  holding out \($0)") }
        }
        let result = trained.run, cv = trained.crossValidation, lofo = trained.leaveOneFileOut
        switch format {
        case .json:
            var object: [String: Any] = [
                "model": output, "kind": plan.kind.rawValue, "training_rows": result.trainingRows,
                "test_rows": result.testRows, "fit_seconds": result.fitSeconds,
                "predict_seconds": result.predictSeconds, "single_row_seconds": result.singleRowSeconds,
                "predict_rows_per_second": Double(result.testRows) / max(result.predictSeconds, 1e-9),
                "held_out": MetricsOutput.object(result.heldOut),
            ]
            if let cv { object["cross_validation"] = cv.map(\.jsonObject) }
            if let calibration = trained.calibration, let fitted = result.model.calibration {
                object["calibration"] = [
                    "temperature": fitted.temperature, "fitted_on": fitted.fittedOn,
                    "before": MetricsOutput.object(calibration.before), "after": MetricsOutput.object(calibration.after),
                ]
            }
            if let lofo {
                object["leave_one_file_out"] = [
                    "metrics": MetricsOutput.object(lofo.metrics),
                    "files": lofo.files.map(MetricsOutput.object),
                ]
            }
            Console.output(MetricsOutput.json(object))
        case .text:
            var out = "\(plan.kind) trained on \(result.trainingRows) rows in \(String(format: "%.2f", result.fitSeconds)) s"
            out += "; held-out \(result.testRows) rows"
            out += " (predicted in \(String(format: "%.3f", result.predictSeconds)) s, "
            out += "\(HumanRate.rows(Double(result.testRows) / max(result.predictSeconds, 1e-9))) rows/s; "
            out += String(format: "%.1f µs for one row alone", result.singleRowSeconds * 1e6) + "):\n\n\(result.heldOut)\n"
            out += MetricsOutput.falsePositiveLine(result.heldOut)
            if let cv {
                out += "\n\(cv.count)-fold cross-validation macro F1: "
                out += cv.map { String(format: "%.4f", $0.macroF1) }.joined(separator: " ") + "\n"
            }
            if let lofo { out += "\n" + MetricsOutput.fileTable(lofo.files, metrics: lofo.metrics) }
            if let calibration = trained.calibration, let fitted = result.model.calibration {
                out += String(format: "\ncalibration: temperature %.3f fitted on ", fitted.temperature) + fitted.fittedOn + "\n"
                out += "  before: \(calibration.before.summary)\n  after:  \(calibration.after.summary)\n"
            }
            out += "\nmodel written to \(output)\(fitAll ? " (refitted on all rows)" : "")\n"
            Console.output(out)
        }
    }
}

extension TrainingData.Source: CustomStringConvertible {
    public var description: String {
        switch self {
        case .captures(let dirs): return "captures in " + dirs.joined(separator: ", ")
        case let .packetWindows(dirs, files):
            return (dirs.isEmpty ? "" : "captures in " + dirs.joined(separator: ", ") + " and ")
                + "labelled windows in " + files.joined(separator: ", ")
        case .logs(let dirs): return "access logs in " + dirs.joined(separator: ", ")
        case .csv(let path, _, _, _): return path
        }
    }
}
