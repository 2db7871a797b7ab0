import Foundation
import SentinelCore

/// A `labels.csv` beside a folder of captures: rows `file,class[,start,end]`.
///
/// A row with `start` and `end` (epoch seconds) labels that time range of the file; time
/// outside every range of a file is `normal`. A row without them labels the whole file. Other
/// columns (`source`, `note`, as in `../shared/captures-real/labels.csv`) are ignored.
package struct CaptureLabels: Sendable {
    /// One labelled file or time range.
    package struct Entry: Sendable, Equatable {
        /// The capture's path relative to the labels file.
        package var file: String
        /// The class name.
        package var className: String
        /// The labelled range, or nil for the whole file.
        package var range: ClosedRange<Double>?
    }

    /// The entries in file order.
    package var entries: [Entry]
    /// The folder the file paths are relative to.
    package var directory: String

    /// Reads `labels.csv` in `directory`.
    package init(directory: String) throws(CaptureDatasetError) {
        let path = directory + "/labels.csv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .cannotRead(path: path)
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
            let fileColumn = header.firstIndex(of: "file"), let classColumn = header.firstIndex(of: "class")
        else { throw .badHeader(path: path) }
        let startColumn = header.firstIndex(of: "start"), endColumn = header.firstIndex(of: "end")
        var entries: [Entry] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > max(fileColumn, classColumn), !cells[fileColumn].isEmpty, !cells[classColumn].isEmpty else {
                throw .badRow(path: path, line: index + 1, reason: "needs a file and a class")
            }
            var range: ClosedRange<Double>?
            if let s = startColumn, let e = endColumn, s < cells.count, e < cells.count,
                !cells[s].isEmpty || !cells[e].isEmpty
            {
                guard let start = Double(cells[s]), let end = Double(cells[e]), start <= end else {
                    throw .badRow(path: path, line: index + 1, reason: "start and end must be epoch seconds, start <= end")
                }
                range = start...end
            }
            entries.append(Entry(file: cells[fileColumn], className: cells[classColumn], range: range))
        }
        self.entries = entries
        self.directory = directory
    }

    /// The files named, in order of first appearance.
    package var files: [String] {
        var seen = Set<String>()
        return entries.map(\.file).filter { seen.insert($0).inserted }
    }

    /// The class of a window of `file` spanning `start..<end`: the labelled range holding the
    /// window's midpoint, else the whole-file label, else `normal`.
    package func className(file: String, start: Double, end: Double) -> String {
        let middle = (start + end) / 2
        var whole: String?
        for entry in entries where entry.file == file {
            if let range = entry.range {
                if range.contains(middle) { return entry.className }
            } else {
                whole = entry.className
            }
        }
        return whole ?? ClassLabel.normal
    }
}
