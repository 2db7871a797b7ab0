import SentinelCore

/// A small deterministic random number generator, so fuzz-style tests produce the same
/// inputs on every run and a failure can be replayed from its seed: the package's one
/// seeded generator, ``SentinelCore/SplitMix64`` (the same sequence this type always gave).
public typealias SeededGenerator = SplitMix64
