import Foundation
import SentinelCore
import Testing

@Suite struct ActionTests {
    @Test func sourcesAreCanonical() throws {
        #expect(try SourcePrefix("10.1.2.3/8").description == "10.0.0.0/8")
        #expect(try SourcePrefix("127.0.0.2").description == "127.0.0.2")
        #expect(try SourcePrefix("127.0.0.2/32").description == "127.0.0.2")
        #expect(try SourcePrefix("2001:DB8::1/32").description == "2001:db8::/32")
        #expect(try SourcePrefix("::1").isIPv6)
        #expect(try SourcePrefix("10.0.0.0/8").contains(SourcePrefix("10.9.9.9")))
        for bad in ["", "10.0.0.0/33", "::/129", "example.com", "1.2.3.4/-1", "1.2.3.4; del map x", "1.2.3.4/"] {
            #expect(throws: ActionError.self) { try SourcePrefix(bad) }
        }
    }

    @Test func everyKindRoundTripsThroughJSON() throws {
        let server = try BackendServer(backend: "app", server: "s1")
        let deployment = try DeploymentReference(name: "api", namespace: "prod")
        let kinds: [Action.Kind] = [
            .block(try SourcePrefix("203.0.113.0/24")), .rateLimit(try SourcePrefix("2001:db8::7"), requestsPerSecond: 2.5),
            .unblock(try SourcePrefix("203.0.113.0/24")), .liftRateLimit(try SourcePrefix("198.51.100.7")),
            .setServerState(server, .drain), .setServerWeight(server, weight: 10), .scale(deployment, replicas: 4),
        ]
        #expect(Set(kinds.map(\.typeName)) == Set(Action.Kind.typeNames))
        for (index, kind) in kinds.enumerated() {
            let action = try Action(id: "a-\(index)", kind: kind, timeToLive: index.isMultiple(of: 2) ? 60 : nil)
            let data = try JSONEncoder().encode(action)
            #expect(try JSONDecoder().decode(Action.self, from: data) == action)
        }
        let block = try Action(id: "a-1", kind: .block(try SourcePrefix("203.0.113.9/24")), timeToLive: 600)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(block), as: UTF8.self)
                == #"{"id":"a-1","source":"203.0.113.0\/24","ttl":600,"type":"block"}"#)
    }

    @Test func badActionsAreRefused() throws {
        let server = try BackendServer(backend: "app", server: "s1")
        let source = try SourcePrefix("10.0.0.1")
        #expect(throws: ActionError.self) { try Action(id: "x", kind: .rateLimit(source, requestsPerSecond: 0)) }
        #expect(throws: ActionError.self) { try Action(id: "x", kind: .rateLimit(source, requestsPerSecond: .nan)) }
        #expect(throws: ActionError.self) { try Action(id: "x", kind: .setServerWeight(server, weight: 300)) }
        #expect(throws: ActionError.self) {
            try Action(id: "x", kind: .scale(try DeploymentReference(name: "api"), replicas: -1))
        }
        #expect(throws: ActionError.self) { try Action(id: "x", kind: .block(source), timeToLive: 0) }
        #expect(throws: ActionError.self) { try BackendServer(backend: "app", server: "s1 state maint;") }
        #expect(throws: ActionError.self) { try DeploymentReference(name: "API/../x") }
        for json in [
            #"{"id":"x","type":"reboot"}"#, #"{"id":"x","type":"block","source":"nope"}"#,
            #"{"id":"x","type":"set_server_state","backend":"a","server":"b","state":"off"}"#,
            #"{"id":"x","type":"rate_limit","source":"1.2.3.4","requests_per_second":-1}"#, "[]", "garbage",
        ] {
            #expect(throws: (any Error).self) { try JSONDecoder().decode(Action.self, from: Data(json.utf8)) }
        }
        do {
            _ = try JSONDecoder().decode(Action.self, from: Data(#"{"id":"x","type":"reboot"}"#.utf8))
        } catch {
            #expect(String(describing: error).contains("unknown action type 'reboot'"))
        }
    }
}
