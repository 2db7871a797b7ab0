import Foundation
import SentinelFeatures

/// A CSV of labelled packet windows: the columns `file` and `label` followed by (at least)
/// every window feature of `sentinel analyze --windows-out`, as `captures/lab/windows-dataset.py`
/// writes them. It lets a model train on captures too big to keep (the traffic lab's 32 GB)
/// from their derived windows. Each distinct `file` value is a file of the dataset (for
/// leave-one-file-out and grouped validation), named `path#file`; extra columns (`start`,
/// `verdict`, `p_*` …) are ignored, and missing columns of features added after the first
/// files (``WindowFeature/siteRelative``, ``WindowFeature/concentration``,
/// ``WindowFeature/requests``) read as 0 and are noted (``LabelledRows/absentFeatures``), so a
/// model that would read them refuses the file.
enum LabelledWindowFile {
    /// Appends every row of `path` to `rows`, grouped by their `file` column.
    /// - Throws: ``CaptureDatasetError`` naming the file, line and column of a bad header or
    ///   cell.
    static func append(path: String, to rows: inout LabelledRows) throws(CaptureDatasetError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .cannotRead(path: path) }
        if data.starts(with: [0x1f, 0x8b]) {
            throw .badRow(path: path, line: 1, reason: "the file is gzip-compressed: decompress it first (gzip -dc FILE.gz > FILE)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).makeIterator()
        guard let headerLine = lines.next() else { throw .badRow(path: path, line: 1, reason: "the file is empty") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let position = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        guard let fileColumn = position["file"], let labelColumn = position["label"] else {
            throw .badRow(path: path, line: 1, reason: "the header must name the columns file and label, then the window features")
        }
        let names = WindowFeatures.names
        // The site-relative, concentration and request columns came later: a file without
        // them reads them as 0, noted so that a model reading them refuses it.
        let optional = Set((WindowFeature.siteRelative + WindowFeature.concentration + WindowFeature.requests).map(\.name))
        let missing = names.filter { position[$0] == nil && !optional.contains($0) }
        rows.absentFeatures.formUnion(names.filter { position[$0] == nil })
        guard missing.isEmpty else {
            throw .badRow(path: path, line: 1, reason: "missing window feature columns: \(missing.joined(separator: ", "))")
        }
        let columns = names.map { position[$0] }
        var order: [String] = []
        var byFile: [String: [(values: [Double], label: String)]] = [:]
        var lineNumber = 1
        while let line = lines.next() {
            lineNumber += 1
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard cells.count == header.count else {
                throw .badRow(path: path, line: lineNumber, reason: "\(cells.count) cells where the header has \(header.count)")
            }
            var values: [Double] = []
            values.reserveCapacity(columns.count)
            for (name, column) in zip(names, columns) {
                guard let column else {
                    values.append(0)
                    continue
                }
                guard let value = Double(cells[column]), value.isFinite else {
                    throw .badRow(
                        path: path, line: lineNumber, reason: "column \(name): not a finite number: '\(cells[column].prefix(40))'")
                }
                values.append(value)
            }
            let file = String(cells[fileColumn])
            let label = String(cells[labelColumn])
            guard !label.isEmpty else { throw .badRow(path: path, line: lineNumber, reason: "column label is empty") }
            if byFile[file] == nil { order.append(file) }
            byFile[file, default: []].append((values, label))
        }
        for file in order {
            for row in byFile[file]! { rows.append(row.values, className: row.label) }
            rows.endFile(path + "#" + file)
        }
    }
}
