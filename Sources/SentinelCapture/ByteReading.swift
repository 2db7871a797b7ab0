extension UnsafeRawBufferPointer {
    /// Big-endian `UInt16` at `offset`; the caller has checked the bounds.
    @inlinable
    func be16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    /// Big-endian `UInt32` at `offset`; the caller has checked the bounds.
    @inlinable
    func be32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Big-endian `UInt64` at `offset`; the caller has checked the bounds.
    @inlinable
    func be64(_ offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
