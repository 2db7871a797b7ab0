import SentinelLearning

/// Collects labelled windows file by file and turns them into a ``Dataset`` whose classes
/// are the sorted union of the labels seen (shared by captures and logs).
struct LabelledRows {
    private var values: [Float] = []
    private var names: [String] = []
    private var fileOfRow: [Int] = []
    private(set) var files: [String] = []

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
        guard let dataset = try? Dataset(values: values, featureNames: featureNames, classNames: classNames,
                                         labels: names.map { classIndex[$0]! }) else { return nil }
        return CaptureDataset.Result(dataset: dataset, files: files, fileOfRow: fileOfRow)
    }
}
