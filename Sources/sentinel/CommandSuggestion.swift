/// "Did you mean …?" for a mistyped subcommand: the known name within two edits.
enum CommandSuggestion {
    /// The closest of `names` to `word` (at most two insertions, deletions or substitutions,
    /// case ignored), or nil.
    static func closest(to word: String, among names: [String]) -> String? {
        let target = Array(word.lowercased())
        let scored = names.map { ($0, distance(target, Array($0.lowercased()))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
