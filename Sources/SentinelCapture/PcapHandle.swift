import CPcap

/// Owns one `pcap_t` and closes it when released.
final class PcapHandle {
    let raw: OpaquePointer
    let name: String

    init(raw: OpaquePointer, name: String) {
        self.raw = raw
        self.name = name
    }

    deinit { pcap_close(raw) }

    var linkType: LinkType { LinkType(rawValue: pcap_datalink(raw)) }

    var lastError: String { String(cString: pcap_geterr(raw)) }

    /// Compiles and installs a BPF filter.
    func setFilter(_ expression: String) throws {
        var program = bpf_program()
        guard pcap_compile(raw, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw CaptureError.badFilter(filter: expression, reason: lastError)
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(raw, &program) == 0 else {
            throw CaptureError.badFilter(filter: expression, reason: lastError)
        }
    }

    /// Opens a capture file (pcap or pcapng) with nanosecond timestamps; `-` is standard input.
    static func openOffline(path: String) throws -> PcapHandle {
        if path != "-" {
            switch FileCheck.kind(of: path) {
            case .missing: throw CaptureError.noSuchFile(path: path)
            case .directory: throw CaptureError.isDirectory(path: path)
            case .file: break
            }
        }
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard
            let raw = pcap_open_offline_with_tstamp_precision(
                path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
        else {
            let reason = String(errorBuffer: errorBuffer)
            throw CaptureError.cannotOpenFile(path: path, reason: reason)
        }
        return PcapHandle(raw: raw, name: path)
    }
}
