import ArgumentParser
import Foundation
import SentinelStore

/// The options every store-listing command takes, and what they share.
struct StoreListOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store's SQLite database (only read, never created), or postgres://user@host:port/db (password in SENTINEL_STORE_PASSWORD).",
            valueName: "path"))
    var db = "./sentinel.db"

    @Option(name: .long, help: ArgumentHelp("List at most this many.", valueName: "n"))
    var limit = 20

    @Option(name: .long, help: "Print a table or JSON.")
    var format: ListFormat = .table

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1 (got \(limit)).") }
    }

    /// Opens the database; a missing or unreadable file is exit 2 with a message naming it.
    func openDatabase() throws -> any StoreBackend {
        if PostgresStoreURL.isPostgres(db) {
            return try CommandFailure.wrapping { try StoreLocation(db).open(readOnly: true) }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CommandFailure("\(db): no such database (pass --db with the file the sentinel records to).")
        }
        return try CommandFailure.wrapping { try SentinelDatabase(path: db, readOnly: true) }
    }

    /// `time` (seconds since 1970) as UTC `yyyy-MM-dd HH:mm:ss`.
    static func time(_ time: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }

    /// Stored JSON text as a JSON value, or the text itself if it does not parse.
    static func embeddedJSON(_ text: String) -> Any {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? text
    }

    /// Left-aligned columns two spaces apart under a header line.
    static func table(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ") + "\n"
        }
        return line(headers) + rows.map(line).joined()
    }
}
