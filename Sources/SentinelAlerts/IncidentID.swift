/// Incident identifiers: random UUIDs (version 4, lower case) drawn from
/// `SystemRandomNumberGenerator`, which reads the kernel's generator without a file
/// descriptor (`getrandom` on Linux) and stops the process rather than return weak bytes.
///
/// Foundation's `UUID()` can return all zeros when descriptors run out (issue 16): every
/// incident then had the same id, and the outbox dropped the alerts as duplicates. This
/// generator cannot fail silently that way.
public enum IncidentID {
    /// A new random identifier, such as `0f8e…-4…-a…`.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// A random identifier from `generator` (tests pass a seeded one).
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let high = generator.next(), low = generator.next()
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
