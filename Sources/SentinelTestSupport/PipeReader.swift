import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a pipe to its end on a thread of its own: never on the dispatch pool, where tests
/// that block would starve it, and with plain `read(2)`, so an error ends the read instead of
/// trapping as `FileHandle.readDataToEndOfFile()` does.
public final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var collected = Data()

    /// Starts reading `pipe`'s read end.
    public init(_ pipe: Pipe) {
        let fd = pipe.fileHandleForReading.fileDescriptor
        let thread = Thread { [self, pipe] in
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    lock.withLock { collected.append(contentsOf: chunk[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            withExtendedLifetime(pipe) {}
            done.signal()
        }
        thread.name = "PipeReader"
        thread.start()
    }

    /// Everything read, once the writer has closed (waits for it).
    public var data: Data {
        done.wait()
        done.signal()
        return lock.withLock { collected }
    }

    /// ``data`` as UTF-8 text.
    public var text: String { String(decoding: data, as: UTF8.self) }
}
