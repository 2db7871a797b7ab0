/// A parsed CSV file: a header and rows of cells (RFC 4180: quoted fields may hold commas,
/// doubled quotes and line breaks). Every row remembers the line it started on, for errors.
struct CSVTable {
    var header: [String]
    var rows: [[String]]
    var lines: [Int]

    /// Parses `text`; `path` only names the file in errors.
    static func parse(_ text: String, path: String) throws(CSVDatasetError) -> CSVTable {
        var records: [[String]] = []
        var lines: [Int] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var afterQuote = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else {
                            inQuotes = false
                            afterQuote = true
                            pending = following
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            case ",":
                record.append(field)
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                record.append(field)
                if !(record.count == 1 && record[0].isEmpty) {
                    records.append(record)
                    lines.append(recordLine)
                }
                record = []
                field = ""
                afterQuote = false
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote(path: path, line: quoteLine) }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
            lines.append(recordLine)
        }
        guard let header = records.first else { throw .empty(path: path) }
        return CSVTable(
            header: header.map { $0.trimmingSpaces }, rows: Array(records.dropFirst()),
            lines: Array(lines.dropFirst()))
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
