import CPcap
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Reads one or more pcap/pcapng files through libpcap, merged in timestamp order.
///
/// All files are opened up front, so a path that cannot be opened fails before any packet
/// is read. A record that cannot be read (file cut mid-packet, impossible caplen) is counted,
/// reported in ``warnings`` with its file and packet number, and ends that file only.
public final class FilePacketSource: PacketSource {
    private final class Cursor {
        let handle: PcapHandle
        let size: Int
        let linkType: LinkType
        var packetNumber = 0
        var current: CapturedFrame?
        init(handle: PcapHandle, size: Int) {
            self.handle = handle
            self.size = size
            self.linkType = handle.linkType
        }
    }

    private var cursors: [Cursor]
    private var primed = false
    private var stats = CaptureStatistics()
    /// Problems met so far that did not stop the capture.
    public private(set) var warnings: [String] = []
    /// The link type of each file, in the order given.
    public let linkTypes: [LinkType]
    /// The paths, in the order given.
    public let paths: [String]

    /// Opens every file; throws ``CaptureError`` naming the first that cannot be opened.
    /// - Parameter filter: an optional BPF expression applied to every file.
    public init(paths: [String], filter: String? = nil) throws {
        var cursors: [Cursor] = []
        for path in paths {
            let handle = try PcapHandle.openOffline(path: path)
            if let filter { try handle.setFilter(filter) }
            cursors.append(Cursor(handle: handle, size: FileCheck.size(of: path)))
        }
        self.cursors = cursors
        self.paths = paths
        self.linkTypes = cursors.map(\.linkType)
    }

    /// The share of the input bytes read so far, 0…1 (for progress displays).
    public var progress: Double {
        var total = 0, done = 0
        for cursor in cursors {
            total += cursor.size
            if let file = pcap_file(cursor.handle.raw) {
                done += min(cursor.size, max(0, ftell(file)))
            } else {
                done += cursor.size
            }
        }
        return total > 0 ? Double(done) / Double(total) : 1
    }

    /// Counters so far (`unreadableRecords` counts damaged records).
    public func statistics() -> CaptureStatistics { stats }

    /// Reads the next frame across all files in timestamp order.
    public func read() throws -> ReadResult {
        if !primed {
            primed = true
            for cursor in cursors { advance(cursor) }
        } else if let index = lastIndex {
            advance(cursors[index])
        }
        var best = -1
        var bestTime = Double.infinity
        for (index, cursor) in cursors.enumerated() {
            if let frame = cursor.current, best < 0 || frame.timestamp < bestTime {
                best = index
                bestTime = frame.timestamp
            }
        }
        guard best >= 0, let frame = cursors[best].current else {
            lastIndex = nil
            return .end
        }
        lastIndex = best
        return .frame(frame)
    }

    private var lastIndex: Int?

    private func advance(_ cursor: Cursor) {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        cursor.current = nil
        let status = pcap_next_ex(cursor.handle.raw, &header, &data)
        switch status {
        case 1:
            cursor.packetNumber += 1
            stats.received += 1
            guard let header, let data else { return }
            let h = header.pointee
            let time = Double(h.ts.tv_sec) + Double(h.ts.tv_usec) * 1e-9
            cursor.current = CapturedFrame(
                timestamp: time, wireLength: Int(h.len),
                bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen)),
                linkType: cursor.linkType)
        case PCAP_ERROR_BREAK:
            return
        default:
            stats.unreadableRecords += 1
            warnings.append(
                "\(cursor.handle.name): packet \(cursor.packetNumber + 1): unreadable record, rest of file skipped: \(cursor.handle.lastError)")
        }
    }
}
