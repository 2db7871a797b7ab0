/// A cursor over the UTF-8 bytes of one log line. Every read is bounds-checked against
/// `bytes.count`, so no input can make it trap.
struct LogLineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }

    /// The byte at the cursor, or nil at the end.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// The next run of non-blank bytes, after any blanks; nil at the end of the line.
    mutating func token() -> Range<Int>? {
        skipSpaces()
        let start = index
        while index < bytes.count, !Self.isSpace(bytes[index]) { index += 1 }
        return start < index ? start..<index : nil
    }

    /// Moves past `byte` if it is at the cursor (after blanks).
    mutating func skip(_ byte: UInt8) -> Bool {
        skipSpaces()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The inside of a `"…"` field at the cursor (backslash escapes are skipped over, kept
    /// raw). `.none` when the cursor is not at a quote, `.unterminated` without a closing one.
    mutating func quoted() -> Enclosed {
        enclosed(open: UInt8(ascii: "\""), close: UInt8(ascii: "\""), escapes: true)
    }

    enum Enclosed {
        case none, unterminated
        case field(Range<Int>)
    }

    mutating func enclosed(open: UInt8, close: UInt8, escapes: Bool) -> Enclosed {
        skipSpaces()
        guard index < bytes.count, bytes[index] == open else { return .none }
        let start = index + 1
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if escapes, byte == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if byte == close {
                index = i + 1
                return .field(start..<i)
            }
            i += 1
        }
        index = bytes.count
        return .unterminated
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func isDash(_ range: Range<Int>) -> Bool {
        range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "-")
    }

    func int(_ range: Range<Int>) -> Int? { Self.int(UnsafeBufferPointer(rebasing: bytes[range])) }
    func double(_ range: Range<Int>) -> Double? { Self.double(UnsafeBufferPointer(rebasing: bytes[range])) }

    /// A decimal integer with an optional sign (HAProxy prefixes some values with `+`).
    static func int(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.count, bytes.count - i <= 18 else { return nil }
        var value = 0
        while i < bytes.count {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            i += 1
        }
        return negative ? -value : value
    }

    private static let powers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// A decimal number `[-+]digits[.digits]`. Up to 15 significant digits it is computed
    /// exactly-rounded by one division; longer forms and exponents go through `Double(_:)`.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa = 0, digits = 0, fraction = 0
        var seenPoint = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
            } else if byte >= 48, byte <= 57 {
                mantissa = mantissa &* 10 &+ Int(byte - 48)
                digits += 1
                if seenPoint { fraction += 1 }
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < bytes.count || digits > 15 {
            // An exponent or something else: let the standard library decide.
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        let value = Double(mantissa) / powers[fraction]
        return negative ? -value : value
    }

    /// Splits a request line `METHOD target [protocol]` in `range`; a request not in that
    /// shape (e.g. `-`, binary junk) is kept whole as the path with an empty method.
    func request(_ range: Range<Int>) -> (method: String, path: String) {
        var i = range.lowerBound
        while i < range.upperBound, bytes[i] != 0x20 {
            let byte = bytes[i]
            guard (byte >= 0x41 && byte <= 0x5A) || byte == 0x2D || byte == 0x5F else { return ("", string(range)) }
            i += 1
        }
        let methodEnd = i
        while i < range.upperBound, bytes[i] == 0x20 { i += 1 }
        let pathStart = i
        while i < range.upperBound, bytes[i] != 0x20 { i += 1 }
        guard methodEnd > range.lowerBound, pathStart < i else { return ("", string(range)) }
        return (string(range.lowerBound..<methodEnd), string(pathStart..<i))
    }

    /// Splits a request line held in a `String` (see `request(_:)`).
    static func splitRequest(_ request: String) -> (method: String, path: String) {
        scanning(request[...]) { $0.request(0..<$0.bytes.count) }
    }

    /// Runs `body` on a scanner over the UTF-8 bytes of `text`.
    @inline(__always)
    static func scanning<T>(_ text: Substring, _ body: (LogLineScanner) -> T) -> T {
        var text = text
        return text.withUTF8 { body(LogLineScanner($0)) }
    }
}
