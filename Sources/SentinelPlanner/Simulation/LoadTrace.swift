import Foundation
import SentinelCore

/// A load trace for `sentinel plan`: rows `time,legit,attack[,label]` at a regular step.
///
/// `legit` and `attack` are loads (requests/s) of legitimate clients and of an attack;
/// `label` is the verdict the sentinel gave the row (default: `normal` without attack load,
/// else `http_flood`), so a trace can also replay a classifier's mistakes.
package struct LoadTrace: Sendable, Equatable {
    /// One row.
    package struct Row: Sendable, Equatable {
        package var time: Double
        package var legit: Double
        package var attack: Double
        package var label: String
    }

    /// Why a trace was refused: always the file, the line and what is wrong.
    package struct ParseError: Error, Equatable, CustomStringConvertible {
        package var path: String
        package var line: Int
        package var reason: String
        package var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
    }

    /// The rows in time order.
    package var rows: [Row]
    /// Seconds between rows.
    package var step: Double

    /// Reads a trace file.
    package init(path: String) throws(ParseError) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(
                path: path, line: 0, reason: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
        }
        try self.init(text: text, path: path)
    }

    /// Parses trace text (`path` names it in errors).
    package init(text: String, path: String = "trace") throws(ParseError) {
        var rows: [Row] = []
        var lineOfRow: [Int] = []
        var columns: [String: Int] = [:]
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if columns.isEmpty {
                for (position, name) in cells.enumerated() { columns[name.lowercased()] = position }
                for needed in ["time", "legit", "attack"] where columns[needed] == nil {
                    throw ParseError(
                        path: path, line: index + 1, reason: "the header must name time,legit,attack[,label]; '\(needed)' is missing")
                }
                continue
            }
            func number(_ name: String) throws(ParseError) -> Double {
                let position = columns[name]!
                guard position < cells.count, let value = Double(cells[position]), value.isFinite else {
                    throw ParseError(
                        path: path, line: index + 1,
                        reason: "\(name) must be a finite number, not '\(position < cells.count ? cells[position] : "")'")
                }
                return value
            }
            let row = Row(
                time: try number("time"), legit: try number("legit"), attack: try number("attack"),
                label: columns["label"].flatMap { $0 < cells.count && !cells[$0].isEmpty ? cells[$0] : nil } ?? "")
            guard row.legit >= 0, row.attack >= 0 else {
                throw ParseError(path: path, line: index + 1, reason: "loads cannot be negative")
            }
            if let last = rows.last, row.time <= last.time {
                throw ParseError(
                    path: path, line: index + 1,
                    reason: row.time == last.time
                        ? "duplicate time \(row.time)" : "time \(row.time) is before the previous row's \(last.time): sort the trace")
            }
            rows.append(row)
            lineOfRow.append(index + 1)
        }
        guard rows.count >= 2 else { throw ParseError(path: path, line: 0, reason: "a trace needs at least two rows") }
        let step = rows[1].time - rows[0].time
        for index in 2..<rows.count where abs(rows[index].time - rows[index - 1].time - step) > step * 1e-6 {
            throw ParseError(
                path: path, line: lineOfRow[index],
                reason: "rows must be evenly spaced (\(step) s, as the first two); a gap or jump to time \(rows[index].time)")
        }
        for index in rows.indices where rows[index].label.isEmpty {
            rows[index].label = rows[index].attack > 0 ? "http_flood" : ClassLabel.normal
        }
        self.rows = rows
        self.step = step
    }
}
