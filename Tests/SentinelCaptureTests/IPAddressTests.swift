import SentinelCapture
import SentinelTestSupport
import Testing

@Suite("IPAddress")
struct IPAddressTests {
    @Test("IPv4 parses and prints", arguments: ["0.0.0.0", "127.0.0.1", "192.168.1.254", "255.255.255.255", "10.0.0.1"])
    func ipv4RoundTrip(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isIPv4)
        #expect(address.description == text)
    }

    @Test("IPv4 value and mapped storage")
    func ipv4Value() throws {
        let address = try #require(IPAddress("127.0.0.1"))
        #expect(address.ipv4Value == 0x7f00_0001)
        #expect(address == IPAddress(ipv4: 0x7f00_0001))
        #expect(address.high == 0 && address.low == 0x0000_ffff_7f00_0001)
        #expect(IPAddress(ipv4: 0xc0a8_0101).description == "192.168.1.1")
    }

    /// Input and the canonical RFC 5952 text.
    static let ipv6Cases: [(String, String)] = [
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("fe80::1", "fe80::1"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),  // leading zeros dropped
        ("2001:DB8::AB", "2001:db8::ab"),  // lower case
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // equal runs: the first is compressed
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // the longest run is compressed
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // a single zero group is not compressed
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("ff02::fb", "ff02::fb"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
        ("::1.2.3.4", "::102:304"),  // deprecated IPv4-compatible form: plain IPv6
        ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),  // NAT64 prefix with an embedded dotted quad
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ]

    @Test("IPv6 parses and prints in RFC 5952 form", arguments: ipv6Cases)
    func ipv6(_ text: String, _ canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(!address.isIPv4)
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address, "the canonical text parses back")
    }

    @Test(
        "IPv4-mapped IPv6 is the same value as the IPv4 address",
        arguments: ["::ffff:1.2.3.4", "::ffff:102:304", "0:0:0:0:0:ffff:1.2.3.4", "::FFFF:0102:0304"])
    func ipv4Mapped(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.isIPv4)
        #expect(address == IPAddress("1.2.3.4"))
        #expect(address.description == "1.2.3.4")
        #expect(address.hashValue == IPAddress("1.2.3.4")!.hashValue)
    }

    @Test(
        "invalid text is nil",
        arguments: [
            "", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-1", "1..2.3", "1.2.3.4.", ".1.2.3.4", "1.2.3.1000",
            "a.b.c.d", " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.+2.3.4", "-0.0.0.0", "01.2.3.4", "1.2.3.04", "0x1.2.3.4",
            ":", ":::", "1::2::3", "::1::", "12345::", "g::1", "::-1", "::+1", "+1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7::8", "::1:2:3:4:5:6:7:8", ":1::", "1:", ":1", "1::2:", "fe80::1%eth0", "::ffff:1.2.3",
            "::ffff:1.2.3.256", "1.2.3.4::", "1.2.3.4::1", "::1.2.3.4:1", "1:2:3:4:5:6:7:1.2.3.4", "[::1]", "::/0",
        ])
    func invalid(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("equal addresses written differently are equal and hash equally")
    func equality() throws {
        let a = try #require(IPAddress("2001:db8::1"))
        let b = try #require(IPAddress("2001:0DB8:0:0:0:0:0:0001"))
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a.mixedHash == b.mixedHash)
        #expect(a.mixedHash != IPAddress("2001:db8::2")!.mixedHash)
        #expect(IPAddress.zero == IPAddress("::"))
    }

    @Test("ordering: numeric within a family; IPv4 sorts among ::ffff:0:0/96")
    func ordering() throws {
        let texts = ["2001:db8::1", "10.0.0.0", "::1", "1.2.3.5", "::", "1.2.3.4", "fe80::1", "255.255.255.255", "::fffe:0:0", "::1:0:0:0"]
        let sorted = texts.compactMap(IPAddress.init).sorted().map(\.description)
        #expect(
            sorted == [
                "::", "::1", "::fffe:0:0", "1.2.3.4", "1.2.3.5", "10.0.0.0", "255.255.255.255", "::1:0:0:0", "2001:db8::1", "fe80::1",
            ])
        #expect(IPAddress("9.255.255.255")! < IPAddress("10.0.0.0")!)
        #expect(!(IPAddress("10.0.0.0")! < IPAddress("10.0.0.0")!))
    }

    @Test("random addresses survive print → parse")
    func randomRoundTrip() {
        var random = SeededGenerator(seed: 5952)
        for _ in 0..<2_000 {
            // Bias toward zero groups so that :: compression is exercised.
            var high: UInt64 = 0, low: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 16) where Bool.random(using: &random) {
                high |= UInt64(UInt16.random(in: 0...0xffff, using: &random)) << UInt64(shift)
            }
            for shift in stride(from: 0, to: 64, by: 16) where Bool.random(using: &random) {
                low |= UInt64(UInt16.random(in: 0...0xffff, using: &random)) << UInt64(shift)
            }
            let address = IPAddress(high: high, low: low)
            let parsed = IPAddress(address.description)
            #expect(parsed == address, "\(address.description)")
            if parsed != address { return }
        }
    }
}
