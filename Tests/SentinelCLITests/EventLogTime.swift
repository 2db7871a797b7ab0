import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The event log's timestamps (RFC 3339, UTC, microseconds), to match events with stored windows.
enum EventLogTime {
    static func text(_ time: Double) -> String {
        var whole = time_t(time.rounded(.down))
        let micros = min(999_999, Int(((time - Double(whole)) * 1_000_000).rounded(.down)))
        var parts = tm()
        gmtime_r(&whole, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec, micros)
    }
}
