import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    /// The directory's path.
    public let path: String

    /// Creates the directory.
    public init(prefix: String = "sentinel-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Runs `body` with a fresh directory, removed afterwards whether `body` returns or throws.
    @discardableResult
    public static func with<T>(prefix: String = "sentinel-test", _ body: (TemporaryDirectory) throws -> T) rethrows -> T {
        let directory = TemporaryDirectory(prefix: prefix)
        defer { directory.remove() }
        return try body(directory)
    }

    /// ``with(prefix:_:)`` for an `async` body.
    @discardableResult
    public static func with<T>(
        prefix: String = "sentinel-test", isolation: isolated (any Actor)? = #isolation,
        _ body: (TemporaryDirectory) async throws -> T
    ) async rethrows -> T {
        let directory = TemporaryDirectory(prefix: prefix)
        defer { directory.remove() }
        return try await body(directory)
    }

    /// A path inside the directory.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Creates an empty file named `name` in the directory (as a log a test then appends to)
    /// and returns its path.
    @discardableResult
    public func emptyFile(_ name: String) -> String {
        let path = file(name)
        FileManager.default.createFile(atPath: path, contents: nil)
        return path
    }

    /// Writes `text` (UTF-8) to a file named `name` in the directory and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes `text` to a file only its owner may read (mode 600, as a secret file must be)
    /// and returns its path.
    @discardableResult
    public func secret(_ name: String, _ text: String) throws -> String {
        let path = try write(text, to: name)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Where `../shared` is from the package root, and whether it is there.
public enum SharedData {
    /// The package root (found from this source file's location).
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the package root.
    public static var path: String { "\(packageRoot)/../shared" }

    /// Whether `../shared` exists (a user's clone has none; tests that need it skip).
    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: path) }
}
