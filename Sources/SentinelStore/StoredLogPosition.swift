import GRDB

/// How far the sentinel has read a tailed access log, saved so that a restart continues
/// where it stopped: no line is read twice, and none written while it was down is lost.
public struct StoredLogPosition: Codable, Equatable, Sendable, FetchableRecord, PersistableRecord {
    /// The log's path as configured.
    public var path: String
    /// The file's device (`st_dev`).
    public var device: Int64
    /// The file's inode (`st_ino`).
    public var inode: Int64
    /// Bytes of the file already read as complete lines.
    public var offset: Int64
    /// When it was saved, seconds since 1970.
    public var updated: Double

    /// Creates a position.
    public init(path: String, device: Int64, inode: Int64, offset: Int64, updated: Double) {
        self.path = path
        self.device = device
        self.inode = inode
        self.offset = offset
        self.updated = updated
    }

    /// The table's name.
    public static let databaseTableName = "log_positions"

    enum CodingKeys: String, CodingKey {
        case path, device, inode, offset, updated
    }
}
