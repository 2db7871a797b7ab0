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
            try split(complete, body)
        }
        if !carry.isEmpty { try split(String(decoding: carry, as: UTF8.self), body) }
    }

    /// Splits on newline bytes (a byte search, much faster than splitting `Character`s).
    private static func split(_ text: String, _ body: (Substring) throws -> Void) throws {
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            try body(Substring(line))
        }
    }
}
