import ArgumentParser
import Foundation
import SentinelStore

/// `sentinel incidents`: lists recent incidents from the store.
struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List recent incidents recorded in the store.",
        discussion: """
            An incident is a run of windows of one attack or degradation class against one \
            target (e.g. syn_flood@eth0 or a source prefix). Newest first; --open lists only \
            those not resolved yet (oldest first). Times are UTC; in JSON they are seconds \
            since 1970. The database is only read: a missing file is an error (exit 2), \
            never created.

            Examples:
              sentinel incidents
              sentinel incidents --open --format json
              sentinel incidents --db /var/lib/sentinel/sentinel.db --limit 50
            """
    )

    @OptionGroup var store: StoreListOptions

    @Flag(name: .long, help: "Only incidents that are still open.")
    var open = false

    func run() throws {
        let database = try store.openDatabase()
        let incidents: [StoredIncident]
        do {
            incidents = open ? Array(try database.openIncidents().prefix(store.limit)) : try database.recentIncidents(limit: store.limit)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
        switch store.format {
        case .json:
            Console.output(MetricsOutput.json(["database": store.db, "incidents": incidents.map(Self.object)]))
        case .table:
            if incidents.isEmpty {
                Console.output(open ? "No open incidents in \(store.db).\n" : "No incidents in \(store.db).\n")
                return
            }
            let rows = incidents.map { incident in
                [StoreListOptions.time(incident.opened), incident.resolved.map(StoreListOptions.time) ?? "open",
                 incident.className, incident.target, "\(incident.windows)",
                 String(format: "%.2f", incident.peakConfidence), incident.topOffenders.prefix(3).joined(separator: " "), incident.id]
            }
            Console.output(StoreListOptions.table(
                headers: ["OPENED", "RESOLVED", "CLASS", "TARGET", "WINDOWS", "PEAK", "TOP OFFENDERS", "ID"], rows: rows))
        }
    }

    static func object(_ incident: StoredIncident) -> [String: Any] {
        ["id": incident.id, "class": incident.className, "target": incident.target, "opened": incident.opened,
         "resolved": incident.resolved.map { $0 as Any } ?? NSNull(), "open": incident.isOpen, "windows": incident.windows,
         "peak_confidence": incident.peakConfidence, "top_offenders": incident.topOffenders,
         "summary": StoreListOptions.embeddedJSON(incident.summary)]
    }
}

/// How `incidents` and `alerts` print their lists.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// One JSON object for programs.
    case json
}

/// The options every store-listing command takes, and what they share.
struct StoreListOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store's SQLite database (only read, never created).", valueName: "path"))
    var db = "./sentinel.db"

    @Option(name: .long, help: ArgumentHelp("List at most this many.", valueName: "n"))
    var limit = 20

    @Option(name: .long, help: "Print a table or JSON.")
    var format: ListFormat = .table

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1 (got \(limit)).") }
    }

    /// Opens the database; a missing or unreadable file is exit 2 with a message naming it.
    func openDatabase() throws -> SentinelDatabase {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory), !isDirectory.boolValue else {
            Console.error("\(db): no such database (pass --db with the file the sentinel records to).")
            throw ExitCode(2)
        }
        do {
            return try SentinelDatabase(path: db, readOnly: true)
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
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
