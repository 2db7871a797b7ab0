import PostgresNIO

extension PostgresStore {
    /// Sensors joining at once take turns through an advisory lock on (class, target), so the
    /// first opens the incident and the others find it.
    package func joinIncident(_ incident: StoredIncident) throws -> StoredIncident {
        try transaction { connection in
            let key = "\(incident.className)@\(incident.target)"
            try run("SELECT pg_advisory_xact_lock(hashtext(\(key)))", on: connection)
            let open = try incidents(
                """
                SELECT \(unescaped: Self.incidentColumns) FROM incidents
                WHERE class_name = \(incident.className) AND target = \(incident.target) AND resolved IS NULL
                ORDER BY opened, id LIMIT 1
                """, on: connection
            ).first
            let joined = open ?? incident
            if open == nil { try insertIncident(incident, on: connection) }
            try run(
                """
                INSERT INTO incident_sensors (incident_id, sensor, first_seen, windows, peak_confidence, top_offenders)
                VALUES (\(joined.id), \(incident.sensor), \(incident.opened), \(incident.windows), \(incident.peakConfidence),
                \(Self.json(incident.topOffenders)))
                ON CONFLICT (incident_id, sensor) DO UPDATE SET resolved = NULL
                """, on: connection)
            return joined
        }
    }

    package func leaveIncident(_ evidence: IncidentEvidence) throws -> StoredIncident? {
        try transaction { connection in
            guard
                let incident = try incidents(
                    "SELECT \(unescaped: Self.incidentColumns) FROM incidents WHERE id = \(evidence.incidentID) FOR UPDATE",
                    on: connection
                ).first, incident.isOpen
            else { return nil }
            let resolved = evidence.resolved ?? incident.opened
            try run(
                """
                INSERT INTO incident_sensors (incident_id, sensor, first_seen, windows, peak_confidence, top_offenders, resolved)
                VALUES (\(evidence.incidentID), \(evidence.sensor), \(evidence.firstSeen), \(evidence.windows),
                \(evidence.peakConfidence), \(Self.json(evidence.topOffenders)), \(resolved))
                ON CONFLICT (incident_id, sensor) DO UPDATE SET windows = excluded.windows,
                peak_confidence = excluded.peak_confidence, top_offenders = excluded.top_offenders, resolved = excluded.resolved
                """, on: connection)
            let all = try evidenceRows(id: evidence.incidentID, on: connection)
            guard all.allSatisfy({ $0.resolved != nil }) else { return nil }
            let merged = IncidentEvidence.merged(incident, all, resolved: resolved)
            try run(
                """
                UPDATE incidents SET resolved = \(resolved), windows = \(merged.windows),
                peak_confidence = \(merged.peakConfidence), top_offenders = \(Self.json(merged.topOffenders))
                WHERE id = \(merged.id)
                """, on: connection)
            return merged
        }
    }

    package func incidentEvidence(id: String) throws -> [IncidentEvidence] {
        try withConnection { connection in try evidenceRows(id: id, on: connection) }
    }

    private func evidenceRows(id: String, on connection: PostgresConnection) throws -> [IncidentEvidence] {
        try run(
            """
            SELECT incident_id, sensor, first_seen, windows, peak_confidence, top_offenders, resolved
            FROM incident_sensors WHERE incident_id = \(id) ORDER BY first_seen, sensor
            """, on: connection
        ).map { row in
            let value = try row.decode((String, String, Double, Int, Double, String, Double?).self)
            return IncidentEvidence(
                incidentID: value.0, sensor: value.1, firstSeen: value.2, windows: value.3, peakConfidence: value.4,
                topOffenders: try decodeJSON([String].self, value.5, column: "incident_sensors.top_offenders"),
                resolved: value.6)
        }
    }
}
