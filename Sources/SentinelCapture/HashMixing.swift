/// The 64-bit finaliser of MurmurHash3: spreads every input bit over every output bit.
/// Cheap hashing for the flow index and the sketches (not for security).
@inlinable @inline(__always)
public func murmurFinalize(_ value: UInt64) -> UInt64 {
    var x = value
    x ^= x >> 33
    x = x &* 0xff51_afd7_ed55_8ccd
    x ^= x >> 33
    x = x &* 0xc4ce_b9fe_1a85_ec53
    x ^= x >> 33
    return x
}
