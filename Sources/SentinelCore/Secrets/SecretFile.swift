#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Reads files that hold secrets (a webhook's `secret_file`, `http.token_file`,
/// `store_password_file`), refusing one that others may read.
///
/// The rule is PostgreSQL's for its key files: no permission at all for others, and none for
/// the group either unless root owns the file (`root:sentinel 0640`, or a Kubernetes secret
/// mounted with `defaultMode: 0440` and an `fsGroup`, lets the group read it).
public enum SecretFile {
    /// Why a secret file was refused.
    public enum Failure: Error, Equatable, Sendable {
        /// It is missing, not a regular file, unreadable or not UTF-8 text.
        case unreadable(String)
        /// Others than its owner may read it; the reason says who and what to run.
        case exposed(String)

        /// The reason, in words.
        public var reason: String {
            switch self {
            case .unreadable(let reason), .exposed(let reason): return reason
            }
        }
    }

    /// The file's text, after checking who may read it.
    /// - Throws: ``Failure`` saying why it was refused (never its contents).
    public static func read(_ path: String) throws(Failure) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .unreadable(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadable("not a regular file") }
        if let problem = exposure(mode: info.st_mode, owner: info.st_uid) { throw .exposed(problem) }
        guard let file = fopen(path, "r") else { throw .unreadable("permission denied or not a file") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes += chunk[0..<count]
            guard bytes.count <= 1 << 20 else { throw .unreadable("larger than 1 MiB: not a secret") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .unreadable("not UTF-8 text") }
        return text
    }

    /// What is wrong with a file of permission bits `mode` owned by `owner`, or nil.
    public static func exposure(mode: mode_t, owner: uid_t) -> String? {
        let permissions = String(mode & 0o777, radix: 8)
        if mode & 0o007 != 0 {
            return "others may read or change it (mode \(permissions)): chmod 600 it (or 640 with root as its owner)"
        }
        if mode & 0o020 != 0 {
            return "its group may change it (mode \(permissions)): chmod 600 it (or 640 with root as its owner)"
        }
        if mode & 0o040 != 0, owner != 0 {
            return "its group may read it (mode \(permissions)): chmod 600 it, or give it to root (chown root) to keep 640"
        }
        return nil
    }
}
