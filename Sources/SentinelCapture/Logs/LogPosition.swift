/// Where a `LogTailer` has read up to: which file (device and inode) and how far into it.
/// Save it, and give it back to `LogTailer(path:resumeFrom:)` to continue after a restart.
public struct LogPosition: Equatable, Hashable, Codable, Sendable {
    /// The device holding the file (`st_dev`).
    public var device: UInt64
    /// The file's inode number (`st_ino`).
    public var inode: UInt64
    /// Bytes of the file already returned as complete lines.
    public var offset: Int64

    /// Creates a position.
    public init(device: UInt64, inode: UInt64, offset: Int64) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
