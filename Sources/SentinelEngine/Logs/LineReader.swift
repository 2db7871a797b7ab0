import Foundation

/// Reads a file's lines in 1 MiB chunks (memory does not grow with the file); the last line
/// needs no newline.
enum LineReader {
    static func forEachLine(handle: FileHandle, path: String, _ body: (Substring) throws -> Void) throws {
        var carry = Data()
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw LogAnalysis.Failure.cannotRead(path: path, reason: (error as NSError).localizedDescription)
            }
            if chunk.isEmpty { break }
            carry.append(chunk)
            guard let lastNewline = carry.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            let complete = String(decoding: carry[carry.startIndex..<lastNewline], as: UTF8.self)
            carry = Data(carry[(lastNewline + 1)...])
            for line in complete.split(separator: "\n", omittingEmptySubsequences: false) { try body(line) }
        }
        if !carry.isEmpty {
            let rest = String(decoding: carry, as: UTF8.self)
            for line in rest.split(separator: "\n", omittingEmptySubsequences: false) { try body(line) }
        }
    }
}
