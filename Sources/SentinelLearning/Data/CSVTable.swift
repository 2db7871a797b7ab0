/// A parsed CSV file: a header and rows of cells (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). Every row remembers the line it started on, for errors.
/// Cells are trimmed of surrounding spaces and tabs.
struct CSVTable {
    var header: [String]
    var rows: [[String]]
    var lines: [Int]

    /// Parses `text`; `path` only names the file in errors.
    static func parse(_ text: String, path: String) throws(CSVDatasetError) -> CSVTable {
        var text = text
        text.makeContiguousUTF8()
        let parsed = text.utf8.withContiguousStorageIfAvailable { parse(bytes: $0) }!
        if let quoteLine = parsed.unterminatedQuoteLine { throw .unterminatedQuote(path: path, line: quoteLine) }
        guard let header = parsed.records.first else { throw .empty(path: path) }
        return CSVTable(header: header, rows: Array(parsed.records.dropFirst()), lines: Array(parsed.lines.dropFirst()))
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> (records: [[String]], lines: [Int], unterminatedQuoteLine: Int?) {
        var records: [[String]] = []
        var lines: [Int] = []
        var record: [String] = []
        var line = 1
        var recordLine = 1
        var index = 0
        let count = bytes.count
        var quoted: [UInt8] = []
        // One field per iteration; `index` is at the field's first byte.
        while index < count {
            var fieldStart = index
            var fieldEnd = index
            var field: String
            // Skip leading blanks to see whether the field is quoted.
            var probe = index
            while probe < count, bytes[probe] == space || bytes[probe] == tab { probe += 1 }
            if probe < count, bytes[probe] == quote {
                let quoteLine = line
                quoted.removeAll(keepingCapacity: true)
                var cursor = probe + 1
                var closed = false
                while cursor < count {
                    let byte = bytes[cursor]
                    if byte == quote {
                        if cursor + 1 < count, bytes[cursor + 1] == quote {
                            quoted.append(quote)
                            cursor += 2
                            continue
                        }
                        closed = true
                        cursor += 1
                        break
                    }
                    if byte == newline { line += 1 }
                    quoted.append(byte)
                    cursor += 1
                }
                if !closed { return (records, lines, quoteLine) }
                // Anything after the closing quote up to the separator is kept, as before.
                fieldStart = cursor
                while cursor < count, bytes[cursor] != comma, bytes[cursor] != newline { cursor += 1 }
                quoted.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[fieldStart..<cursor]).filter { $0 != carriageReturn })
                field = trimmed(String(decoding: quoted, as: UTF8.self))
                index = cursor
            } else {
                while index < count, bytes[index] != comma, bytes[index] != newline { index += 1 }
                fieldEnd = index
                // Drop carriage returns (CRLF line ends) and surrounding blanks.
                while fieldEnd > fieldStart,
                    bytes[fieldEnd - 1] == carriageReturn || bytes[fieldEnd - 1] == space
                        || bytes[fieldEnd - 1] == tab
                { fieldEnd -= 1 }
                while fieldStart < fieldEnd, bytes[fieldStart] == space || bytes[fieldStart] == tab { fieldStart += 1 }
                field = String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]), as: UTF8.self)
            }
            record.append(field)
            if index < count, bytes[index] == comma {
                index += 1
                if index == count { record.append("") }
                continue
            }
            // End of line (or of the text): the record is complete.
            if !(record.count == 1 && record[0].isEmpty) {
                records.append(record)
                lines.append(recordLine)
            }
            record = []
            if index < count { index += 1 }
            line += 1
            recordLine = line
        }
        if !record.isEmpty {
            records.append(record)
            lines.append(recordLine)
        }
        return (records, lines, nil)
    }

    private static func trimmed(_ s: String) -> String { s.trimmingSpaces }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        guard let first = utf8.first, let last = utf8.last,
            first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        else { return self }
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
