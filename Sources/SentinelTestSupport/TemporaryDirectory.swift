import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
public struct TemporaryDirectory {
    /// The directory's path.
    public let path: String

    /// Creates the directory.
    public init(prefix: String = "sentinel-test") {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/\(prefix)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Writes `text` to a file only its owner may read (mode 600, as a secret file must be)
    /// and returns its path.
    @discardableResult
    public func secret(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
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
