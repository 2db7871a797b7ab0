import SentinelCore

/// Hand-written timestamp readers for log lines (no `DateFormatter`, no allocation).
package enum LogTimestamp {
    /// Reads `10/Oct/2000:13:55:36 -0700` (Apache/nginx) or `06/Feb/2009:12:14:14.655`
    /// (HAProxy, which logs no offset: read as UTC). Nil when malformed.
    package static func clf(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        // dd/Mon/yyyy:HH:MM:SS = 20 bytes at least.
        guard b.count >= 20, b[2] == UInt8(ascii: "/"), b[6] == UInt8(ascii: "/"),
            b[11] == UInt8(ascii: ":"), b[14] == UInt8(ascii: ":"), b[17] == UInt8(ascii: ":"),
            let day = digits(b, 0, 2), let month = month(b, 3), let year = digits(b, 7, 4),
            let hour = digits(b, 12, 2), let minute = digits(b, 15, 2), let second = digits(b, 18, 2)
        else { return nil }
        var i = 20
        let fraction = fractionalPart(b, &i)
        var offset = 0
        if i < b.count {
            guard b[i] == 0x20 else { return nil }
            i += 1
            guard let parsed = zoneOffset(b, &i) else { return nil }
            offset = parsed
        }
        guard i == b.count else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
            .map { $0 + fraction }
    }

    /// Reads ISO 8601 `2000-10-10T13:55:36[.fff][Z|±hh:mm|±hhmm|±hh]` (a space may stand
    /// for `T`; no zone means UTC). Nil when malformed.
    package static func iso8601(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 0x20,
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
            let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2)
        else { return nil }
        var i = 19
        let fraction = fractionalPart(b, &i)
        var offset = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else {
                guard let parsed = zoneOffset(b, &i) else { return nil }
                offset = parsed
            }
        }
        guard i == b.count else { return nil }
        return epoch(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
            .map { $0 + fraction }
    }

    /// The latest time a log line may carry: the start of year 10000 (what four-digit years
    /// reach), so that window arithmetic on it never leaves the range of `Int`.
    static let latest: Double = 253_402_300_800

    /// Whether `seconds` (since the epoch) is a time a log line may carry: finite, from 1970
    /// to the end of year 9999. A number outside (`1e30`, `-1e30`) is a bad timestamp.
    static func plausible(_ seconds: Double) -> Bool {
        seconds.isFinite && seconds >= 0 && seconds < latest
    }

    /// Seconds since the epoch of a civil UTC time shifted by `offset` seconds east; nil
    /// when a field is out of range.
    static func epoch(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Double? {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset)
    }

    /// `count` decimal digits at `start`, or nil.
    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= b.count else { return nil }
        var value = 0
        for i in start..<(start + count) {
            let digit = Int(b[i]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// `.ddd…` at `i`, if any (moves `i` past it).
    private static func fractionalPart(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Double {
        guard i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") else { return 0 }
        i += 1
        var value = 0.0, scale = 0.1
        while i < b.count, b[i] >= 48, b[i] <= 57 {
            value += Double(b[i] - 48) * scale
            scale /= 10
            i += 1
        }
        return value
    }

    /// `±hhmm`, `±hh:mm` or `±hh` at `i`, in seconds east of UTC (moves `i` past it).
    private static func zoneOffset(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        guard let hours = digits(b, i + 1, 2), hours <= 23 else { return nil }
        i += 3
        var minutes = 0
        if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
        if i < b.count {
            guard let parsed = digits(b, i, 2), parsed <= 59 else { return nil }
            minutes = parsed
            i += 2
        }
        return sign * (hours * 3_600 + minutes * 60)
    }

    /// The month number of a three-letter English abbreviation at `start` (any case).
    private static func month(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        guard start + 3 <= b.count else { return nil }
        let key = (UInt32(b[start] | 0x20) << 16) | (UInt32(b[start + 1] | 0x20) << 8) | UInt32(b[start + 2] | 0x20)
        switch key {
        case 0x6A_616E: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6D_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6D_6179: return 5  // may
        case 0x6A_756E: return 6  // jun
        case 0x6A_756C: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return nil
        }
    }
}
