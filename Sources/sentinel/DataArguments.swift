import ArgumentParser
import SentinelDetection
import SentinelLearning

/// Where labelled data comes from, shared by `train` and `evaluate`.
struct DataArguments: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of captures with a labels.csv (file,class[,start,end]); repeat for several.",
            valueName: "dir"))
    var captures: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A folder of access logs with a labels.csv (file,class[,start,end]); trains or measures a log-window model. Repeatable.",
            valueName: "dir"))
    var logs: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A CSV of labelled packet windows (columns file, label, then the window features of analyze --windows-out), alone or beside --captures; repeatable. Each file value counts as a file for --leave-one-file-out and --group-pattern.",
            valueName: "windows.csv"))
    var windows: [String] = []

    @Option(name: .long, help: ArgumentHelp("A labelled CSV file (one row per sample).", valueName: "file"))
    var csv: String?

    @Option(name: .long, help: "The CSV column holding the class (required with --csv when training).")
    var labelColumn: String?

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "CSV columns to ignore (identifiers, addresses, timestamps); comma-separated or repeated.",
            valueName: "names"))
    var dropColumns: [String] = []

    @Option(name: .long, help: "CSV rows with NaN, infinite or empty numeric cells: drop (the row) or mean (impute the column mean).")
    var missing: CSVDataset.MissingValuePolicy = .dropRow

    @Option(name: .long, help: "Window length in seconds for captures and logs.")
    var window: Double = 1

    func validate() throws {
        guard [!captures.isEmpty || !windows.isEmpty, !logs.isEmpty, csv != nil].filter({ $0 }).count == 1 else {
            throw ValidationError(
                "give exactly one of --captures DIR and/or --windows FILE (repeatable), --logs DIR (repeatable) or --csv FILE")
        }
        guard window > 0 else { throw ValidationError("--window must be positive") }
    }

    /// The source, with CSV defaults taken from a model when the command line is silent.
    func source(schema: CSVSchema? = nil) throws -> TrainingData.Source {
        if let csv {
            guard let label = labelColumn ?? schema?.labelColumn else {
                throw ValidationError("--csv needs --label-column NAME")
            }
            let drops = dropColumns.flatMap { $0.split(separator: ",").map(String.init) }
            return .csv(
                path: csv, labelColumn: label, dropColumns: drops.isEmpty ? (schema?.dropColumns ?? []) : drops,
                missingValues: missing)
        }
        if !windows.isEmpty { return .packetWindows(captures: captures, windowFiles: windows) }
        return logs.isEmpty ? .captures(captures) : .logs(logs)
    }
}

extension CSVDataset.MissingValuePolicy: ExpressibleByArgument {}
extension ModelKind: ExpressibleByArgument {}
extension FeatureTransform: ExpressibleByArgument {}
extension DecisionTree.Criterion: ExpressibleByArgument {}
extension DecisionTree.ClassWeight: ExpressibleByArgument {}
