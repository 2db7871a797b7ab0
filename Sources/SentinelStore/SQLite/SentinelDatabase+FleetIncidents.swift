import Foundation
import GRDB

extension SentinelDatabase {
    /// SQLite runs one writer at a time: the look-up and the insert need no further lock.
    package func joinIncident(_ incident: StoredIncident) throws -> StoredIncident {
        try write { db in
            let open = try StoredIncident.fetchOne(
                db,
                sql: """
                    SELECT * FROM incidents WHERE class_name = ? AND target = ? AND resolved IS NULL
                    ORDER BY opened, id LIMIT 1
                    """, arguments: [incident.className, incident.target])
            let joined = open ?? incident
            if open == nil { try incident.insert(db) }
            try db.execute(
                sql: """
                    INSERT INTO incident_sensors (incident_id, sensor, first_seen, windows, peak_confidence, top_offenders)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (incident_id, sensor) DO UPDATE SET resolved = NULL
                    """,
                arguments: [
                    joined.id, incident.sensor, incident.opened, incident.windows, incident.peakConfidence,
                    Self.json(incident.topOffenders),
                ])
            return joined
        }
    }

    package func leaveIncident(_ evidence: IncidentEvidence) throws -> StoredIncident? {
        try write { db in
            guard let incident = try StoredIncident.fetchOne(db, key: evidence.incidentID), incident.isOpen else { return nil }
            let resolved = evidence.resolved ?? incident.opened
            try db.execute(
                sql: """
                    INSERT INTO incident_sensors (incident_id, sensor, first_seen, windows, peak_confidence, top_offenders, resolved)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (incident_id, sensor) DO UPDATE SET windows = excluded.windows,
                    peak_confidence = excluded.peak_confidence, top_offenders = excluded.top_offenders, resolved = excluded.resolved
                    """,
                arguments: [
                    evidence.incidentID, evidence.sensor, evidence.firstSeen, evidence.windows, evidence.peakConfidence,
                    Self.json(evidence.topOffenders), resolved,
                ])
            let all = try Self.evidence(db, id: evidence.incidentID)
            guard all.allSatisfy({ $0.resolved != nil }) else { return nil }
            let merged = IncidentEvidence.merged(incident, all, resolved: resolved)
            try merged.update(db)
            return merged
        }
    }

    package func incidentEvidence(id: String) throws -> [IncidentEvidence] {
        try read { db in try Self.evidence(db, id: id) }
    }

    private static func evidence(_ db: Database, id: String) throws -> [IncidentEvidence] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT incident_id, sensor, first_seen, windows, peak_confidence, top_offenders, resolved
                FROM incident_sensors WHERE incident_id = ? ORDER BY first_seen, sensor
                """, arguments: [id]
        ).map { row in
            let offenders: String = row["top_offenders"]
            return IncidentEvidence(
                incidentID: row["incident_id"], sensor: row["sensor"], firstSeen: row["first_seen"], windows: row["windows"],
                peakConfidence: row["peak_confidence"],
                topOffenders: (try? JSONDecoder().decode([String].self, from: Data(offenders.utf8))) ?? [],
                resolved: row["resolved"])
        }
    }

    private static func json(_ strings: [String]) -> String {
        (try? JSONEncoder().encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
