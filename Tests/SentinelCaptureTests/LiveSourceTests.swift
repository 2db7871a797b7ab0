import Foundation
import SentinelCapture
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Live capture on the loopback interface. Opening a capture needs root (or the capture
/// capabilities); without them these tests are skipped and the CLI tests cover the
/// permission-denied message.
@Suite("LivePacketSource", .enabled(if: getuid() == 0, "live capture needs root"))
struct LiveSourceTests {
    static let port: UInt16 = 47123

    @Test("a BPF syntax error is badFilter with libpcap's message")
    func badFilter() {
        do {
            _ = try LivePacketSource(options: LiveCaptureOptions(interface: "lo", filter: "udp port and"))
            Issue.record("expected badFilter")
        } catch let error as CaptureError {
            guard case .badFilter(let filter, let reason) = error else {
                Issue.record("expected badFilter, got \(error)")
                return
            }
            #expect(filter == "udp port and")
            #expect(reason.contains("syntax error"))
            #expect(error.description.contains("udp port and"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("a nonexistent interface is an error that names it")
    func noSuchInterface() {
        let name = "nosuch\(getpid() % 10_000)"
        do {
            _ = try LivePacketSource(options: LiveCaptureOptions(interface: name))
            Issue.record("expected an error for \(name)")
        } catch let error as CaptureError {
            guard case .cannotOpenInterface(let interface, let reason) = error else {
                Issue.record("expected cannotOpenInterface, got \(error)")
                return
            }
            #expect(interface == name)
            #expect(!reason.isEmpty)
            #expect(error.description.hasPrefix(name))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("capturing on lo sees UDP datagrams sent to 127.0.0.1", .timeLimit(.minutes(1)))
    func loopbackUDP() throws {
        var options = LiveCaptureOptions(interface: "lo", filter: "udp port \(Self.port)")
        options.snapshotLength = 256
        options.bufferMegabytes = 2
        let source = try LivePacketSource(options: options)
        #expect(source.linkType == .ethernet)
        #expect(source.options.interface == "lo")

        let count = 20
        try Self.sendDatagrams(count: count, port: Self.port)

        var seen = Set<Int>()
        let deadline = Date().addingTimeInterval(3)
        while seen.count < count, Date() < deadline {
            guard case .frame(let frame) = try source.read() else { continue }
            let result = PacketDecoder(linkType: frame.linkType)
                .decode(frame.bytes, wireLength: frame.wireLength, timestamp: frame.timestamp)
            guard case .ip(let view) = result else {
                Issue.record("captured frame did not decode as IP")
                continue
            }
            #expect(view.source == IPAddress("127.0.0.1"))
            #expect(view.destination == IPAddress("127.0.0.1"))
            #expect(view.isUDP && view.destinationPort == Self.port)
            #expect(abs(frame.timestamp - Date().timeIntervalSince1970) < 60, "timestamps are in seconds since the epoch")
            let payload = Array(frame.bytes[(view.networkOffset + 28)...])
            if let text = String(bytes: payload, encoding: .utf8), text.hasPrefix("sentinel-"),
                let index = Int(text.dropFirst("sentinel-".count))
            {
                #expect(view.payloadLength == payload.count)
                seen.insert(index)
            }
        }
        #expect(seen == Set(0..<count))
        #expect(source.statistics().received >= UInt64(count))
        #expect(source.statistics().droppedByKernel == 0)
    }

    @Test("breakLoop makes the next read, and every read after, return .end")
    func breakLoop() throws {
        var options = LiveCaptureOptions(interface: "lo", filter: "udp port 1")
        options.readTimeoutMilliseconds = 50
        let source = try LivePacketSource(options: options)
        source.breakLoop()
        #expect(try source.read().isEnd)
        #expect(try source.read().isEnd)
    }

    @Test("breakLoop from another thread ends a read loop waiting for packets", .timeLimit(.minutes(1)))
    func breakLoopFromAnotherThread() throws {
        var options = LiveCaptureOptions(interface: "lo", filter: "udp port 1")
        options.readTimeoutMilliseconds = 100
        let box = SourceBox(try LivePacketSource(options: options))
        let started = Date()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.2)
            box.source.breakLoop()
        }
        var ended = false
        while Date().timeIntervalSince(started) < 5 {
            if try box.source.read().isEnd {
                ended = true
                break
            }
        }
        #expect(ended)
        #expect(Date().timeIntervalSince(started) < 2, "the loop ends within a read timeout or two of the request")
    }

    /// Hands the (non-Sendable) source to the thread that calls `breakLoop`, which is
    /// documented as safe from another thread.
    final class SourceBox: @unchecked Sendable {
        let source: LivePacketSource
        init(_ source: LivePacketSource) { self.source = source }
    }

    /// Sends `count` datagrams `sentinel-<i>` to 127.0.0.1:`port` through a plain UDP socket.
    static func sendDatagrams(count: Int, port: UInt16) throws {
        let fd = LoopbackSocket.datagram()
        try #require(fd >= 0, "socket: \(errno)")
        defer { close(fd) }
        for i in 0..<count {
            let message = Array("sentinel-\(i)".utf8)
            let sent = LoopbackSocket.send(fd, message, port: port)
            #expect(sent == message.count, "sendto: \(errno)")
        }
    }
}
