import SentinelFuzzTargets

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// The libFuzzer driver: one binary for every target, the target named by
/// `SENTINEL_FUZZ_TARGET` (`scripts/fuzz.sh` sets it). libFuzzer brings `main`.
nonisolated(unsafe) private var target: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
)
    -> CInt
{
    let name = getenv("SENTINEL_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let chosen = FuzzTarget.named(name) else {
        let names = FuzzTarget.all.map(\.name).joined(separator: " ")
        var message = "sentinel-fuzz: set SENTINEL_FUZZ_TARGET to one of: \(names)\n"
        _ = message.withUTF8 { write(2, $0.baseAddress, $0.count) }
        exit(2)
    }
    target = chosen
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    target!.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
