import PostgresNIO

extension PostgresStore {
    package func saveLogPosition(_ position: StoredLogPosition) throws {
        try withConnection { connection in
            try run(
                """
                INSERT INTO log_positions (path, device, inode, "offset", updated)
                VALUES (\(position.path), \(position.device), \(position.inode), \(position.offset), \(position.updated))
                ON CONFLICT (path) DO UPDATE SET device = excluded.device, inode = excluded.inode,
                "offset" = excluded."offset", updated = excluded.updated
                """, on: connection)
        }
    }

    package func logPosition(path: String) throws -> StoredLogPosition? {
        try rows("SELECT path, device, inode, \"offset\", updated FROM log_positions WHERE path = \(path)") {
            let row = try $0.decode((String, Int64, Int64, Int64, Double).self)
            return StoredLogPosition(path: row.0, device: row.1, inode: row.2, offset: row.3, updated: row.4)
        }.first
    }
}
