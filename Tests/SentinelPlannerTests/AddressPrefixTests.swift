import SentinelPlanner
import Testing

@Suite("Address prefixes")
struct AddressPrefixTests {
    @Test("IPv4 and IPv6 prefixes parse, print and contain addresses")
    func parseAndContain() throws {
        let net = try AddressPrefix("203.0.113.77/24")
        #expect(net.description == "203.0.113.0/24")
        #expect(net.contains(try AddressPrefix("203.0.113.5")))
        #expect(!net.contains(try AddressPrefix("203.0.114.5")))
        #expect(!net.contains(try AddressPrefix("10.0.0.0/8")))
        #expect(try AddressPrefix("10.0.0.0/8").overlaps(net) == false)
        #expect(try AddressPrefix("0.0.0.0/0").contains(net))
        let v6 = try AddressPrefix("2001:db8::1/32")
        #expect(v6.description == "2001:db8::/32")
        #expect(v6.contains(try AddressPrefix("2001:db8:ffff::9")))
        #expect(!v6.contains(net) && !net.contains(v6))
        #expect(try AddressPrefix("127.0.0.2").description == "127.0.0.2")
        #expect(try AddressPrefix("198.51.100.9").widened(to: 24).description == "198.51.100.0/24")
    }

    @Test("bad prefixes are errors that quote the text")
    func bad() {
        #expect(throws: AddressPrefix.ParseError.notAnAddress("example.org")) { try AddressPrefix("example.org") }
        #expect(throws: AddressPrefix.ParseError.badLength("10.0.0.0/33")) { try AddressPrefix("10.0.0.0/33") }
        #expect(throws: AddressPrefix.ParseError.badLength("::/129")) { try AddressPrefix("::/129") }
        #expect("\(AddressPrefix.ParseError.badLength("10.0.0.0/33"))".contains("0–32"))
    }
}
