import SentinelCore

extension SourcePrefix {
    /// This address's enclosing prefix of `length` bits (e.g. its /24), never longer than it.
    func widened(to length: Int) -> SourcePrefix {
        SourcePrefix(bytes: bytes, length: min(length, self.length))
    }

    /// Whether the two share any address (one contains the other).
    func overlaps(_ other: SourcePrefix) -> Bool { contains(other) || other.contains(self) }
}
