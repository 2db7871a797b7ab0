import CPcap

/// Writes frames to a classic pcap file through libpcap's `pcap_dump`.
///
/// Used by the benchmark's capture generator and by tests that need capture files.
public final class PcapFileWriter {
    private let dead: OpaquePointer
    private var dumper: OpaquePointer?
    /// Where the file is written.
    public let path: String

    /// Creates (truncates) `path` for frames of `linkType`.
    public init(path: String, linkType: LinkType, snapshotLength: Int32 = 262_144) throws {
        guard let dead = pcap_open_dead(linkType.rawValue, snapshotLength) else {
            throw CaptureError.cannotOpenFile(path: path, reason: "pcap_open_dead failed")
        }
        // Open the dumper before the stored properties are set: once `self` is fully
        // initialised a throw runs `deinit`, which would close `dead` a second time.
        guard let dumper = pcap_dump_open(dead, path) else {
            let reason = String(cString: pcap_geterr(dead))
            pcap_close(dead)
            throw CaptureError.cannotOpenFile(path: path, reason: reason)
        }
        self.dead = dead
        self.path = path
        self.dumper = dumper
    }

    /// Appends one frame.
    /// - Parameters:
    ///   - bytes: the captured bytes.
    ///   - timestamp: seconds since the epoch (microsecond resolution is kept).
    ///   - wireLength: length on the wire; defaults to the captured length.
    public func write(_ bytes: UnsafeRawBufferPointer, timestamp: Double, wireLength: Int? = nil) {
        guard let dumper, let base = bytes.baseAddress else { return }
        var header = pcap_pkthdr()
        let seconds = timestamp.rounded(.down)
        header.ts.tv_sec = Int(seconds)
        header.ts.tv_usec = Int(((timestamp - seconds) * 1e6).rounded())
        if header.ts.tv_usec >= 1_000_000 { header.ts.tv_sec += 1; header.ts.tv_usec -= 1_000_000 }
        header.caplen = UInt32(bytes.count)
        header.len = UInt32(wireLength ?? bytes.count)
        pcap_dump(
            UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header,
            base.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends one frame from an array of bytes.
    public func write(_ bytes: [UInt8], timestamp: Double, wireLength: Int? = nil) {
        bytes.withUnsafeBytes { write($0, timestamp: timestamp, wireLength: wireLength) }
    }

    /// Flushes and closes the file; further writes are ignored.
    public func close() {
        if let dumper { pcap_dump_close(dumper) }
        dumper = nil
    }

    deinit {
        close()
        pcap_close(dead)
    }
}
