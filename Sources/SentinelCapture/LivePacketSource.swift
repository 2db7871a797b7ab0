import CPcap
import Synchronization

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Captures from a network interface through `pcap_create`/`pcap_activate`, in immediate
/// mode, with a short read timeout so the caller can close windows and notice a stop request.
public final class LivePacketSource: PacketSource {
    private let handle: PcapHandle
    private var received: UInt64 = 0
    /// Set by ``breakLoop()``: reads are non-blocking polls, so libpcap's own break flag is
    /// never seen while no packet arrives; this one is checked around every wait.
    private let stopRequested = Atomic<Bool>(false)
    /// The options the capture was opened with.
    public let options: LiveCaptureOptions
    /// Warnings from activation (e.g. promiscuous mode not supported).
    public private(set) var warnings: [String] = []
    /// The interface's link type.
    public var linkType: LinkType { handle.linkType }

    /// Opens and activates the capture.
    /// - Throws: ``CaptureError/permissionDenied(interface:reason:)`` without capture
    ///   privileges, ``CaptureError/badFilter(filter:reason:)`` with libpcap's message for a
    ///   bad filter, ``CaptureError/cannotOpenInterface(interface:reason:)`` otherwise.
    public init(options: LiveCaptureOptions) throws {
        self.options = options
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let raw = pcap_create(options.interface, &errorBuffer) else {
            throw CaptureError.cannotOpenInterface(
                interface: options.interface, reason: String(errorBuffer: errorBuffer))
        }
        handle = PcapHandle(raw: raw, name: options.interface)
        pcap_set_snaplen(raw, options.snapshotLength)
        pcap_set_promisc(raw, options.promiscuous ? 1 : 0)
        pcap_set_timeout(raw, options.readTimeoutMilliseconds)
        pcap_set_immediate_mode(raw, 1)
        pcap_set_buffer_size(raw, Int32(clamping: Int(options.bufferMegabytes) * 1_048_576))
        let status = pcap_activate(raw)
        if status < 0 {
            let detail = handle.lastError
            let reason = detail.isEmpty ? String(cString: pcap_statustostr(status)) : detail
            switch status {
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED:
                throw CaptureError.permissionDenied(interface: options.interface, reason: reason)
            default:
                // Some kernels report a missing capability as a generic error.
                if reason.contains("ermission") || reason.contains("not permitted") {
                    throw CaptureError.permissionDenied(interface: options.interface, reason: reason)
                }
                throw CaptureError.cannotOpenInterface(interface: options.interface, reason: reason)
            }
        } else if status > 0 {
            warnings.append("\(options.interface): \(String(cString: pcap_statustostr(status))): \(handle.lastError)")
        }
        if let filter = options.filter { try handle.setFilter(filter) }
        // libpcap's own read timeout does not fire on every platform and ring-buffer version
        // (Linux TPACKET_V3 blocks until a packet arrives), so reads are non-blocking and
        // the wait is our own poll(2) on the selectable descriptor.
        if pcap_setnonblock(raw, 1, &errorBuffer) != 0 {
            throw CaptureError.cannotOpenInterface(interface: options.interface, reason: String(errorBuffer: errorBuffer))
        }
        selectableDescriptor = pcap_get_selectable_fd(raw)
    }

    private var selectableDescriptor: Int32 = -1

    /// Reads the next frame, or reports a timeout when none arrived in time.
    public func read() throws -> ReadResult {
        if stopRequested.load(ordering: .relaxed) { return .end }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        var status = pcap_next_ex(handle.raw, &header, &data)
        if status == 0 {
            if selectableDescriptor >= 0 {
                var waiting = pollfd(fd: selectableDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&waiting, 1, options.readTimeoutMilliseconds)  // EINTR: the caller checks its stop flag
            } else {
                usleep(UInt32(options.readTimeoutMilliseconds) * 1000)
            }
            if stopRequested.load(ordering: .relaxed) { return .end }
            status = pcap_next_ex(handle.raw, &header, &data)
        }
        switch status {
        case 1:
            guard let header, let data else { return .timeout }
            received += 1
            let h = header.pointee
            return .frame(
                CapturedFrame(
                    timestamp: Double(h.ts.tv_sec) + Double(h.ts.tv_usec) * 1e-6,
                    wireLength: Int(h.len),
                    bytes: UnsafeRawBufferPointer(start: data, count: Int(h.caplen)),
                    linkType: handle.linkType))
        case 0:
            return .timeout
        case PCAP_ERROR_BREAK:
            return .end
        default:
            throw CaptureError.readFailed(source: options.interface, reason: handle.lastError)
        }
    }

    /// Asks a blocked read to return; safe to call from another thread. The read that
    /// notices it, and every read after, returns ``ReadResult/end``.
    public func breakLoop() {
        stopRequested.store(true, ordering: .relaxed)
        pcap_breakloop(handle.raw)
    }

    /// Kernel and interface counters from `pcap_stats`.
    public func statistics() -> CaptureStatistics {
        var raw = pcap_stat()
        var stats = CaptureStatistics()
        if pcap_stats(handle.raw, &raw) == 0 {
            stats.received = UInt64(raw.ps_recv)
            stats.droppedByKernel = UInt64(raw.ps_drop)
            stats.droppedByInterface = UInt64(raw.ps_ifdrop)
        } else {
            stats.received = received
        }
        return stats
    }
}
