import Foundation
import SentinelCapture

extension TemporaryDirectory {
    /// Writes `bytes` to a file named `name` in the directory and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) -> String {
        let path = file(name)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Writes `frames` to a classic pcap file named `name` through ``PcapFileWriter`` and
    /// returns its path.
    /// - Parameters:
    ///   - frames: the frames with their timestamps (seconds) and optional wire lengths.
    ///   - linkType: the file's link type.
    @discardableResult
    public func writeCapture(
        _ name: String, linkType: LinkType = .ethernet,
        frames: [(bytes: [UInt8], timestamp: Double)]
    ) throws -> String {
        let writer = try PcapFileWriter(path: file(name), linkType: linkType)
        for frame in frames { writer.write(frame.bytes, timestamp: frame.timestamp) }
        writer.close()
        return writer.path
    }

    /// Reads a file in the directory back as bytes (empty when it cannot be read).
    public func contents(of name: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file(name)) else { return [] }
        return [UInt8](data)
    }
}
