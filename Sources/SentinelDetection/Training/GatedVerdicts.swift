import SentinelCore
import SentinelFeatures
import SentinelLearning

/// A model's verdicts on labelled windows passed through the site gate, as `analyze
/// --baseline` and `sentinel run` would judge them: each file is a site, its windows are judged
/// in order by a gate of its own (made by `gate`), which learns the file as it goes.
package enum GatedVerdicts {
    /// Why the windows cannot be gated.
    package enum Failure: Error, CustomStringConvertible {
        /// The data has no files (a CSV of rows), so no site and no order.
        case noFiles
        /// The data lacks features the site metrics are made of.
        case missingFeatures([String])

        package var description: String {
            switch self {
            case .noFiles: return "the site gate needs captures or windows CSVs (files of windows in time order), not a CSV of rows"
            case .missingFeatures(let names):
                return "the site gate needs the window features \(names.joined(separator: ", ")), which the data lacks"
            }
        }
    }

    /// The gated class of every row, in row order.
    /// - Parameters:
    ///   - probabilities: the model's probabilities of each row.
    ///   - windowSeconds: the window length.
    ///   - gate: a fresh gate for each file.
    package static func classes(
        _ data: TrainingData, probabilities: [[Double]], model: DetectionModel, windowSeconds: Double,
        gate: () -> SiteGate<WindowRecord>
    ) throws(Failure) -> [String] {
        guard let fileOfRow = data.fileOfRow else { throw .noFiles }
        let names = data.dataset.featureNames
        let columns = WindowFeature.allCases.map { feature in names.firstIndex(of: feature.name) }
        let needed = Set(WindowRecord.siteMetricFeatures.map(\.name))
        let missing = WindowFeature.allCases.filter { needed.contains($0.name) && columns[$0.rawValue] == nil }.map(\.name)
        guard missing.isEmpty else { throw .missingFeatures(missing) }
        var gates: [Int: SiteGate<WindowRecord>] = [:]
        var position: [Int: Int] = [:]
        var classes: [String] = []
        classes.reserveCapacity(probabilities.count)
        for (row, p) in probabilities.enumerated() {
            let file = fileOfRow[row]
            var features = WindowFeatures()
            let values = Array(data.dataset.row(row))
            for feature in WindowFeature.allCases {
                if let column = columns[feature.rawValue] { features[feature] = Double(values[column]) }
            }
            let index = position[file, default: 0]
            position[file] = index + 1
            let start = Double(index) * windowSeconds
            let window = WindowRecord(
                start: start, end: start + windowSeconds, packets: UInt64(max(0, features[.packetsPerSecond] * windowSeconds)),
                features: features, topTalkers: [])
            let decided = model.decide(p)
            let verdict = WindowVerdict(className: model.classNames[decided], confidence: p[decided], probabilities: p, explanation: nil)
            var fileGate = gates[file] ?? gate()
            classes.append(fileGate.judge(window, verdict: verdict).className)
            gates[file] = fileGate
        }
        return classes
    }
}
