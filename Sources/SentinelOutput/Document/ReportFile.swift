import Foundation

/// Writes a report page to a file.
package enum ReportFile {
    /// Writes `html` to `path` atomically.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` naming the path.
    package static func write(_ html: String, to path: String) throws(ReportError) {
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw .cannotWrite(path: path, reason: reason)
        }
    }
}
