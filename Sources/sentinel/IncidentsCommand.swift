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
        let incidents: [StoredIncident] = try CommandFailure.wrapping {
            open ? Array(try database.openIncidents().prefix(store.limit)) : try database.recentIncidents(limit: store.limit)
        }
        switch store.format {
        case .json:
            var objects: [[String: Any]] = []
            do {
                for incident in incidents {
                    objects.append(Self.object(incident, evidence: try database.incidentEvidence(id: incident.id)))
                }
            } catch {
                throw CommandFailure(error)
            }
            Console.output(MetricsOutput.json(["database": store.db, "incidents": objects]))
        case .table:
            if incidents.isEmpty {
                Console.output(open ? "No open incidents in \(store.db).\n" : "No incidents in \(store.db).\n")
                return
            }
            let rows = incidents.map { incident in
                [
                    StoreListOptions.time(incident.opened), incident.resolved.map(StoreListOptions.time) ?? "open",
                    incident.className, incident.target, "\(incident.windows)",
                    String(format: "%.2f", incident.peakConfidence), incident.topOffenders.prefix(3).joined(separator: " "), incident.id,
                ]
            }
            Console.output(
                StoreListOptions.table(
                    headers: ["OPENED", "RESOLVED", "CLASS", "TARGET", "WINDOWS", "PEAK", "TOP OFFENDERS", "ID"], rows: rows))
        }
    }

    /// An incident as JSON: with the sensor that opened it and, in a fleet, what each sensor saw.
    static func object(_ incident: StoredIncident, evidence: [IncidentEvidence] = []) -> [String: Any] {
        [
            "sensor": incident.sensor,
            "sensors": evidence.map { item -> [String: Any] in
                [
                    "sensor": item.sensor, "first_seen": item.firstSeen, "windows": item.windows,
                    "peak_confidence": item.peakConfidence, "top_offenders": item.topOffenders,
                    "resolved": item.resolved.map { $0 as Any } ?? NSNull(),
                ]
            },
            "id": incident.id, "class": incident.className, "target": incident.target, "opened": incident.opened,
            "resolved": incident.resolved.map { $0 as Any } ?? NSNull(), "open": incident.isOpen, "windows": incident.windows,
            "peak_confidence": incident.peakConfidence, "top_offenders": incident.topOffenders,
            "summary": StoreListOptions.embeddedJSON(incident.summary),
        ]
    }
}
