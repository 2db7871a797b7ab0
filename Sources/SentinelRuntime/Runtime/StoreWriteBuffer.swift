import SentinelAlerts
import SentinelStore

/// Store writes made while the database could not take them (a PostgreSQL store restarted or
/// cut off, an SQLite file on a full disk), kept in order and written once it answers again,
/// so an outage loses no window, incident or alert. Bounded: past ``capacity`` a write is
/// dropped and counted (`sentinel_store_writes_dropped_total`): the oldest one marked
/// sheddable (windows and load points, which only fill history), and only when none is left
/// the oldest of all, so incidents, alerts and log positions are the last to go.
final class StoreWriteBuffer {
    /// The most writes kept.
    let capacity: Int
    private var pending: [(write: () throws -> Void, sheddable: Bool)] = []
    /// Writes dropped because the buffer was full.
    private(set) var dropped = 0
    /// Of those, writes that were not sheddable (incidents, alerts, log positions).
    private(set) var droppedEssential = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Writes waiting for the database.
    var count: Int { pending.count }
    /// Whether nothing waits.
    var isEmpty: Bool { pending.isEmpty }

    /// Keeps `write` for later, behind the others.
    /// - Parameter sheddable: whether it may be dropped before the others when the buffer is full.
    func append(_ write: @escaping () throws -> Void, sheddable: Bool = false) {
        if pending.count >= capacity {
            if let index = pending.firstIndex(where: \.sheddable) {
                pending.remove(at: index)
            } else {
                pending.removeFirst()
                droppedEssential += 1
            }
            dropped += 1
        }
        pending.append((write, sheddable))
    }

    /// Writes what waits, in order, until the database refuses again.
    /// - Returns: the errors of writes that failed for another reason (those are not kept).
    func flush() -> [any Error] {
        var errors: [any Error] = []
        var done = 0
        // The written prefix goes at once: removing writes one by one would cost the whole
        // buffer's length for each.
        defer { pending.removeFirst(done) }
        while done < pending.count {
            do {
                try pending[done].write()
            } catch  where Self.isTransient(error) {
                return errors
            } catch {
                errors.append(error)
            }
            done += 1
        }
        return errors
    }

    /// Whether `error` means the database cannot take writes for now (worth retrying): out of
    /// reach, or out of disk, as the store says it or as the outbox passes it on.
    static func isTransient(_ error: any Error) -> Bool {
        if let error = error as? StoreError {
            switch error {
            case .unreachable, .unavailable: return true
            default: return false
            }
        }
        if let error = error as? AlertsError, case .outbox(let reason) = error {
            return reason.contains("cannot reach the database") || reason.contains("cannot write to the database for now")
        }
        return false
    }
}
