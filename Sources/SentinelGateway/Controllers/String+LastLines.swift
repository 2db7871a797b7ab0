import Foundation

extension String {
    /// The last few non-empty lines, joined with " | " (for failure reasons).
    func lastLines(_ count: Int = 3) -> String {
        split(separator: "\n").suffix(count).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " | ")
    }
}
