import Foundation
import SentinelCore

/// A site's baseline saved as JSON (`sentinel baseline … -o site.json`), read back by
/// `analyze --baseline` and `sentinel run` (`baseline:` in the configuration).
public struct SiteBaselineFile: Sendable, Codable, Equatable {
    /// Always `sentinel-site-baseline`.
    public var format = Self.formatName
    /// The file format's version.
    public var version = 1
    /// The window kind learnt: `packets` or `logs`.
    public var kind: String
    /// The window length, seconds.
    public var windowSeconds: Double
    /// The inputs it was learnt from.
    public var sources: [String]
    /// The baseline.
    public var baseline: SiteBaseline

    /// The `format` value.
    public static let formatName = "sentinel-site-baseline"

    /// Wraps a baseline learnt from `sources`.
    public init(kind: String, windowSeconds: Double, sources: [String], baseline: SiteBaseline) {
        self.kind = kind
        self.windowSeconds = windowSeconds
        self.sources = sources
        self.baseline = baseline
    }

    /// Reads and checks a baseline file learnt from windows of `kind` (`packets`, `logs`).
    /// - Throws: ``SiteBaselineFileError`` naming the file and what is wrong with it, a file of
    ///   another kind included.
    public static func load(path: String, kind: String) throws(SiteBaselineFileError) -> SiteBaselineFile {
        let file = try load(path: path)
        guard file.kind == kind else {
            let wanted = kind == "packets" ? "packet" : kind == "logs" ? "log" : kind
            throw .invalid(path: path, reason: "a baseline of \(file.kind) windows, not of \(wanted) windows")
        }
        return file
    }

    /// Reads and checks a baseline file.
    /// - Throws: ``SiteBaselineFileError`` naming the file and what is wrong with it.
    public static func load(path: String) throws(SiteBaselineFileError) -> SiteBaselineFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Reads and checks a baseline file's bytes; `path` only names the source in errors.
    /// - Throws: ``SiteBaselineFileError/invalid(path:reason:)`` saying what is wrong.
    public static func decode(_ data: Data, path: String) throws(SiteBaselineFileError) -> SiteBaselineFile {
        let file: SiteBaselineFile
        do {
            file = try JSONDecoder().decode(SiteBaselineFile.self, from: data)
        } catch let error as DecodingError {
            throw .invalid(path: path, reason: "not a site baseline: \(error.summary)")
        } catch {
            throw .invalid(path: path, reason: "not a site baseline: \(error)")
        }
        guard file.format == formatName else { throw .invalid(path: path, reason: "format is \"\(file.format)\", not \(formatName)") }
        guard file.version == 1 else { throw .invalid(path: path, reason: "version \(file.version) is not supported (1 is)") }
        guard file.windowSeconds.isFinite, file.windowSeconds > 0 else {
            throw .invalid(path: path, reason: "window_seconds must be a positive number")
        }
        if let problem = file.baseline.problem { throw .invalid(path: path, reason: problem) }
        return file
    }

    /// The file's bytes: pretty JSON with sorted keys, so two runs on the same inputs give the
    /// same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Writes the file (pretty, keys sorted, so two runs on the same inputs give the same bytes).
    public func write(to path: String) throws(SiteBaselineFileError) {
        do {
            try (try encoded()).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case format, version, kind, sources, baseline
        case windowSeconds = "window_seconds"
    }
}

/// Why a site baseline file cannot be used.
public enum SiteBaselineFileError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not a valid baseline.
    case invalid(path: String, reason: String)
    /// The file cannot be written.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read the site baseline: \(reason)"
        case let .invalid(path, reason): return "\(path): \(reason)"
        case let .unwritable(path, reason): return "\(path): cannot write the site baseline: \(reason)"
        }
    }
}
