/// A small streaming JSON writer that keeps keys in the order written, so the machine
/// output is a stable contract (Foundation's encoder does not promise key order).
public struct JSONWriter {
    /// The text written so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    /// Creates an empty writer.
    public init() {}

    /// Opens an object (as a value, or under `key` inside an object).
    public mutating func beginObject(_ key: String? = nil) { open(key, "{") }

    /// Closes the innermost object.
    public mutating func endObject() { close("}") }

    /// Opens an array.
    public mutating func beginArray(_ key: String? = nil) { open(key, "[") }

    /// Closes the innermost array.
    public mutating func endArray() { close("]") }

    /// Writes `bracket` (`{` or `[`) as a value or under `key`, and starts its member list.
    private mutating func open(_ key: String?, _ bracket: String) {
        prefix(key)
        text += bracket
        needsComma.append(false)
    }

    /// Ends the innermost member list with `bracket` (`}` or `]`).
    private mutating func close(_ bracket: String) {
        needsComma.removeLast()
        text += bracket
    }

    /// Writes a number (non-finite values become `null`; whole numbers print without `.0`).
    public mutating func number(_ key: String?, _ value: Double) {
        prefix(key)
        text += JSONWriter.format(value)
    }

    /// Writes an integer.
    public mutating func number<I: BinaryInteger>(_ key: String?, _ value: I) {
        prefix(key)
        text += String(value)
    }

    /// Writes a string.
    public mutating func string(_ key: String?, _ value: String) {
        prefix(key)
        text += JSONWriter.quote(value)
    }

    /// Writes an array of strings.
    public mutating func strings(_ key: String?, _ values: some Sequence<String>) {
        beginArray(key)
        for value in values { string(nil, value) }
        endArray()
    }

    /// Writes `null`.
    public mutating func null(_ key: String?) {
        prefix(key)
        text += "null"
    }

    /// Writes a boolean.
    public mutating func bool(_ key: String?, _ value: Bool) {
        prefix(key)
        text += value ? "true" : "false"
    }

    /// Appends a line break between top-level items, for readable streams.
    public mutating func newline() { text += "\n" }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if let key { text += JSONWriter.quote(key) + ":" }
    }

    /// Formats a number the way the JSON and CSV outputs do.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Quotes and escapes a string.
    public static func quote(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
