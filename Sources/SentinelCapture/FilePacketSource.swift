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
        var finished = false
        init(handle: PcapHandle, size: Int) {
            self.handle = handle
            self.size = size
            self.linkType = handle.linkType
        }
    }

    private let cursors: [Cursor]
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
        self.single = cursors.count == 1 ? cursors[0] : nil
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
    public func statistics() -> CaptureStatistics {
        var stats = self.stats
        stats.received = UInt64(cursors.reduce(0) { $0 + $1.packetNumber })
        return stats
    }

    /// Reads the next frame across all files in timestamp order.
    public func read() throws -> ReadResult {
        if let single { return readSingle(single) }
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

    /// Reads every remaining frame, in the order ``read()`` gives them, calling `body` with
    /// each (its bytes are valid only during the call). The fast path for offline analysis:
    /// with one file it loops on libpcap directly, with no per-frame ``ReadResult``.
    public func forEachFrame(_ body: (CapturedFrame) throws -> Void) throws {
        guard let cursor = single else {
            while case .frame(let frame) = try read() { try body(frame) }
            return
        }
        guard !cursor.finished else { return }
        let raw = cursor.handle.raw
        let linkType = cursor.linkType
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while true {
            let status = pcap_next_ex(raw, &header, &data)
            guard status == 1, let h = header?.pointee, let data else {
                finish(cursor, status: status)
                return
            }
            cursor.packetNumber &+= 1
            try body(
                CapturedFrame(
                    timestamp: Double(h.ts.tv_sec) + Double(h.ts.tv_usec) * 1e-9, wireLength: Int(h.len),
                    bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen)), linkType: linkType))
        }
    }

    private var lastIndex: Int?
    /// The cursor when there is one file: read straight through, no merge. A `let`, so the
    /// per-frame read borrows it without retaining.
    private let single: Cursor?

    private func readSingle(_ cursor: Cursor) -> ReadResult {
        guard !cursor.finished else { return .end }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(cursor.handle.raw, &header, &data)
        if status == 1, let header, let data {
            cursor.packetNumber &+= 1
            let h = header.pointee
            return .frame(
                CapturedFrame(
                    timestamp: Double(h.ts.tv_sec) + Double(h.ts.tv_usec) * 1e-9, wireLength: Int(h.len),
                    bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen)), linkType: cursor.linkType))
        }
        finish(cursor, status: status)
        return .end
    }

    /// Ends a file at end-of-file (-2) or at an unreadable record, which is counted and reported.
    private func finish(_ cursor: Cursor, status: Int32) {
        cursor.finished = true
        guard status != PCAP_ERROR_BREAK else { return }
        stats.unreadableRecords += 1
        warnings.append(
            "\(cursor.handle.name): packet \(cursor.packetNumber + 1): unreadable record, rest of file skipped: \(cursor.handle.lastError)")
    }

    private func advance(_ cursor: Cursor) {
        cursor.current = nil
        guard !cursor.finished else { return }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(cursor.handle.raw, &header, &data)
        if status == 1, let header, let data {
            cursor.packetNumber += 1
            let h = header.pointee
            cursor.current = CapturedFrame(
                timestamp: Double(h.ts.tv_sec) + Double(h.ts.tv_usec) * 1e-9, wireLength: Int(h.len),
                bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen)), linkType: cursor.linkType)
            return
        }
        finish(cursor, status: status)
    }
}
