import ArgumentParser
import Foundation
import SentinelStore

/// `sentinel alerts`: lists recent alert deliveries from the store's outbox.
struct AlertsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List recent alert deliveries from the durable outbox.",
        discussion: """
            Every alert is queued once per webhook in the store and sent from there, retried \
            with exponential backoff until the receiver accepts it, so a receiver that is down \
            or a restart loses nothing. Each line is one (event, webhook) pair, newest first:

              delivered  the receiver accepted it
              pending    not tried yet
              failing    tried and failed; retried at NEXT ATTEMPT (LAST ERROR says why)

            Times are UTC; in JSON they are seconds since 1970. The database is only read: a \
            missing file is an error (exit 2), never created.

            Examples:
              sentinel alerts
              sentinel alerts --format json --limit 100
            """
    )

    @OptionGroup var store: StoreListOptions

    func run() throws {
        let database = try store.openDatabase()
        let entries: [OutboxEntry]
        let depth: Int
        do {
            entries = try database.deliveries(limit: store.limit)
            depth = try database.outboxDepth()
        } catch {
            throw CommandFailure(error)
        }
        switch store.format {
        case .json:
            Console.output(MetricsOutput.json(["database": store.db, "undelivered": depth, "deliveries": entries.map(Self.object)]))
        case .table:
            if entries.isEmpty {
                Console.output("No alerts in \(store.db).\n")
                return
            }
            let rows = entries.map { entry in
                [
                    StoreListOptions.time(entry.created), entry.eventID, entry.webhook, entry.status.rawValue, "\(entry.attempts)",
                    entry.delivered == nil ? StoreListOptions.time(entry.nextAttempt) : "-", entry.lastError ?? "-",
                ]
            }
            Console.output(
                StoreListOptions.table(
                    headers: ["QUEUED", "EVENT", "WEBHOOK", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR"], rows: rows)
                    + "\(depth) undelivered in the outbox.\n")
        }
    }

    static func object(_ entry: OutboxEntry) -> [String: Any] {
        [
            "event_id": entry.eventID, "webhook": entry.webhook, "status": entry.status.rawValue, "attempts": entry.attempts,
            "created": entry.created, "next_attempt": entry.delivered == nil ? entry.nextAttempt as Any : NSNull(),
            "delivered": entry.delivered.map { $0 as Any } ?? NSNull(), "last_error": entry.lastError.map { $0 as Any } ?? NSNull(),
            "payload_bytes": entry.payload.count, "sensor": entry.sensor,
            "claimed_by": entry.claimedBy.map { $0 as Any } ?? NSNull(),
        ]
    }
}
