/// One CSV field as RFC 4180 writes it: quoted (inner quotes doubled) when it holds a comma,
/// a quote or a line break, else as it is.
package enum CSVField {
    /// The field, quoted when it must be.
    package static func quoted(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
