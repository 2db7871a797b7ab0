#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// What a path names, checked with `stat(2)` before libpcap sees it.
enum FileCheck {
    enum Kind { case missing, directory, file }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// Size in bytes, 0 when unknown.
    static func size(of path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_size)
    }
}
