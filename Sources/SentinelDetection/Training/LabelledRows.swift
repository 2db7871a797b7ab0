import SentinelLearning

/// Collects labelled windows file by file and turns them into a ``Dataset`` whose classes
/// are the sorted union of the labels seen (shared by captures and logs).
struct LabelledRows {
    private var values: [Float] = []
    private var names: [String] = []
    private var fileOfRow: [Int] = []
    private(set) var files: [String] = []
    /// Features a window file lacked (written before they existed), read as 0.
    var absentFeatures: Set<String> = []

    /// Adds one window of the file being read.
    mutating func append<Values: Sequence<Double>>(_ features: Values, className: String) {
        values += features.map { Float($0) }
        names.append(className)
        fileOfRow.append(files.count)
    }

    /// Closes the file being read (its windows were appended before).
    mutating func endFile(_ path: String) { files.append(path) }

    /// The dataset, or nil when no window was added.
    func result(featureNames: [String]) -> CaptureDataset.Result? {
        guard !names.isEmpty else { return nil }
        let classNames = Array(Set(names)).sorted()
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        guard
            let dataset = try? Dataset(
                values: values, featureNames: featureNames, classNames: classNames,
                labels: names.map { classIndex[$0]! })
        else { return nil }
        return CaptureDataset.Result(dataset: dataset, files: files, fileOfRow: fileOfRow, absentFeatures: absentFeatures)
    }

    /// Reads every file named in each `directory/labels.csv` (files are then named
    /// `directory/file`) into windows, and makes each non-empty window a row labelled by
    /// ``CaptureLabels``. Classes are the union over all folders, sorted.
    /// - Parameters:
    ///   - skipClasses: whole-file classes to leave out (e.g. `empty`).
    ///   - windows: reads one file (a capture, an access log) into its windows.
    static func load<Window: DetectableWindow>(
        directories: [String], skipClasses: Set<String>,
        windows: (String) throws -> [Window]
    ) throws(CaptureDatasetError)
        -> CaptureDataset.Result
    {
        var rows = LabelledRows()
        try rows.read(directories: directories, skipClasses: skipClasses, windows: windows)
        guard let result = rows.result(featureNames: Window.featureNames) else {
            throw .noWindows(directory: directories.joined(separator: ", "))
        }
        return result
    }

    /// Appends the windows of every file named in each `directory/labels.csv` (see
    /// ``load(directories:skipClasses:windows:)``).
    mutating func read<Window: DetectableWindow>(
        directories: [String], skipClasses: Set<String>,
        windows: (String) throws -> [Window]
    ) throws(CaptureDatasetError) {
        for directory in directories {
            let labels = try CaptureLabels(directory: directory)
            let kept = labels.files.filter { file in
                !labels.entries.contains { $0.file == file && $0.range == nil && skipClasses.contains($0.className) }
            }
            for file in kept {
                let path = directory + "/" + file
                let read: [Window]
                do {
                    read = try windows(path)
                } catch {
                    throw .capture(path: path, reason: "\(error)")
                }
                for window in read where !window.isEmpty {
                    append(window.featureValues, className: labels.className(file: file, start: window.start, end: window.end))
                }
                endFile(path)
            }
        }
    }
}
