import SentinelCore
import Testing

@testable import SentinelRuntime

@Suite("The host's own addresses")
struct HostAddressesTests {
    @Test("are read from the interfaces: loopback at least, each a single address")
    func current() throws {
        let addresses = HostAddresses.current()
        #expect(addresses.contains(try SourcePrefix("127.0.0.1")), "\(addresses)")
        #expect(addresses.allSatisfy { $0.description.contains(":") ? $0.length == 128 : $0.length == 32 })
    }
}
