import SentinelCore

/// How a model would cry wolf on benign traffic: of the files whose every window is labelled
/// `normal`, the windows it flags and the incidents those would open under the incident
/// thresholds `sentinel run` uses (`incidents.open_after` consecutive windows of one attack
/// class open one; `resolve_after` windows without it end it), per 24 hours of such traffic.
package struct FalseIncidents: Sendable, Equatable {
    /// Benign files (every window labelled normal).
    package var files = 0
    /// Their windows.
    package var windows = 0
    /// Those flagged as an attack class (anything but `normal` and `unknown_anomaly`).
    package var flagged = 0
    /// Incidents the flags would open.
    package var incidents = 0
    /// Windows the site gate called `unknown_anomaly` (alerted at a lower severity, never enforced).
    package var unusual = 0
    /// Incidents of `unknown_anomaly` they would open.
    package var unusualIncidents = 0
    /// Seconds of benign traffic (windows × window length).
    package var seconds = 0.0

    /// Incidents per 24 hours of benign traffic.
    package var perDay: Double { seconds > 0 ? Double(incidents) * 86_400 / seconds : 0 }

    /// Counts over `data`'s benign files, from each row's predicted class.
    /// - Parameters:
    ///   - predicted: the predicted class of each row, in row order (each file's windows in time order).
    ///   - windowSeconds: the window length.
    package init(_ data: TrainingData, predicted: [String], windowSeconds: Double, openAfter: Int = 3, resolveAfter: Int = 5) {
        guard let fileOfRow = data.fileOfRow else { return }
        var rowsOfFile: [[Int]] = Array(repeating: [], count: data.files.count)
        for (row, file) in fileOfRow.enumerated() { rowsOfFile[file].append(row) }
        let normal = data.dataset.classNames.firstIndex(of: ClassLabel.normal)
        for rows in rowsOfFile where !rows.isEmpty && rows.allSatisfy({ data.dataset.labels[$0] == normal }) {
            files += 1
            windows += rows.count
            let classes = rows.map { predicted[$0] }
            let attacks = classes.map { $0 == ClassLabel.unknownAnomaly ? ClassLabel.normal : $0 }
            let unknown = classes.map { $0 == ClassLabel.unknownAnomaly ? $0 : ClassLabel.normal }
            flagged += attacks.filter { $0 != ClassLabel.normal }.count
            unusual += unknown.filter { $0 != ClassLabel.normal }.count
            incidents += Self.opened(attacks, openAfter: max(1, openAfter), resolveAfter: max(1, resolveAfter))
            unusualIncidents += Self.opened(unknown, openAfter: max(1, openAfter), resolveAfter: max(1, resolveAfter))
        }
        seconds = Double(windows) * windowSeconds
    }

    /// Incidents opened by a sequence of verdicts, one tracker per class.
    static func opened(_ classes: [String], openAfter: Int, resolveAfter: Int) -> Int {
        var streak: [String: Int] = [:]
        var quiet: [String: Int] = [:]
        var open: Set<String> = []
        var count = 0
        for verdict in classes {
            for name in Set(streak.keys).union(open).union([verdict]) where name != ClassLabel.normal {
                if name == verdict {
                    streak[name, default: 0] += 1
                    quiet[name] = 0
                    if !open.contains(name), streak[name]! >= openAfter {
                        open.insert(name)
                        count += 1
                    }
                } else {
                    streak[name] = 0
                    quiet[name, default: 0] += 1
                    if open.contains(name), quiet[name]! >= resolveAfter { open.remove(name) }
                }
            }
        }
        return count
    }
}
