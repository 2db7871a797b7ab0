#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Errors writing output files.
package enum OutputError: Error, CustomStringConvertible {
    /// The file could not be created.
    case cannotCreate(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "\(path): cannot write: \(reason)"
        }
    }
}

/// Buffered line output to a file (stdio), for CSV streams written as the analysis runs.
package final class LineFileWriter {
    private var file: UnsafeMutablePointer<FILE>?
    /// The path written.
    package let path: String

    /// Creates or truncates `path`.
    package init(path: String) throws {
        self.path = path
        guard let file = fopen(path, "w") else {
            throw OutputError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
        self.file = file
    }

    /// Writes `line` and a newline.
    package func write(line: String) {
        guard let file else { return }
        fputs(line, file)
        fputc(10, file)
    }

    /// Flushes and closes the file.
    package func close() {
        if let file { fclose(file) }
        file = nil
    }

    deinit { close() }

    /// Creates or truncates `path` and writes `lines` to it, each with a newline.
    package static func write(_ lines: [String], to path: String) throws {
        let writer = try LineFileWriter(path: path)
        for line in lines { writer.write(line: line) }
        writer.close()
    }
}
