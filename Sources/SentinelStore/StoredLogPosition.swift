import GRDB

/// How far the sentinel has read a tailed access log, saved so that a restart continues
/// where it stopped: no line is read twice, and none written while it was down is lost.
package struct StoredLogPosition: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The log's path as configured.
    package var path: String
    /// The file's device (`st_dev`).
    package var device: Int64
    /// The file's inode (`st_ino`).
    package var inode: Int64
    /// Bytes of the file already read as complete lines.
    package var offset: Int64
    /// When it was saved, seconds since 1970.
    package var updated: Double

    /// Creates a position.
    package init(path: String, device: Int64, inode: Int64, offset: Int64, updated: Double) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
        self.updated = updated
    }

    /// The table's name.
    package static let databaseTableName = "log_positions"
}
