#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The readers that take a path get the input through one file per process and suffix, in
/// `/dev/shm` when there is one (no disk write per input), rewritten for each input.
enum ScratchFile {
    static let folder: String = {
        var info = stat()
        return stat("/dev/shm", &info) == 0 ? "/dev/shm" : "/tmp"
    }()

    /// Writes `bytes` to this process's scratch file for `suffix` and returns its path.
    static func store(_ bytes: UnsafeRawBufferPointer, suffix: String) -> String {
        let path = "\(folder)/sentinel-fuzz-\(getpid()).\(suffix)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(count > 0, "cannot write \(path)")
            written += count
        }
        return path
    }
}
