import SentinelAlerts
import SentinelStore

/// Store writes made while the database could not be reached (a PostgreSQL store restarted or
/// cut off), kept in order and written once it answers again, so a short outage loses no
/// window, incident or alert. Bounded: past ``capacity`` the oldest write is dropped and
/// counted (`sentinel_store_writes_dropped_total`). An SQLite store never reports itself
/// unreachable, so nothing is ever buffered for it.
final class StoreWriteBuffer {
    /// The most writes kept.
    let capacity: Int
    private var pending: [() throws -> Void] = []
    /// Writes dropped because the buffer was full.
    private(set) var dropped = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Writes waiting for the database.
    var count: Int { pending.count }
    /// Whether nothing waits.
    var isEmpty: Bool { pending.isEmpty }

    /// Keeps `write` for later, behind the others.
    func append(_ write: @escaping () throws -> Void) {
        if pending.count >= capacity {
            pending.removeFirst()
            dropped += 1
        }
        pending.append(write)
    }

    /// Writes what waits, in order, until the database is unreachable again.
    /// - Returns: the errors of writes that failed for another reason (those are not kept).
    func flush() -> [any Error] {
        var errors: [any Error] = []
        while let write = pending.first {
            do {
                try write()
            } catch  where Self.isUnreachable(error) {
                return errors
            } catch {
                errors.append(error)
            }
            pending.removeFirst()
        }
        return errors
    }

    /// Whether `error` means the database could not be reached (worth retrying), as the store
    /// says it or as the outbox passes it on.
    static func isUnreachable(_ error: any Error) -> Bool {
        if let error = error as? StoreError, case .unreachable = error { return true }
        if let error = error as? AlertsError, case .outbox(let reason) = error {
            return reason.contains("cannot reach the database")
        }
        return false
    }
}
