import SentinelCore
import SentinelPlanner
import Testing

@Suite struct CircuitBreakerTests {
    @Test func drainsProbesAndRestores() throws {
        let server = try BackendServer(backend: "app", server: "s1")
        var breaker = CircuitBreaker(
            server: server,
            policy: .init(
                failureThreshold: 2, openDuration: 30,
                successThreshold: 2, probeWeight: 5, normalWeight: 100))
        #expect(breaker.observe(degraded: true, now: 0).isEmpty)
        #expect(breaker.observe(degraded: false, now: 1).isEmpty)  // not in a row
        #expect(breaker.observe(degraded: true, now: 2).isEmpty)
        #expect(breaker.observe(degraded: true, now: 3) == [.setServerState(server, .drain)])
        #expect(breaker.state == .open(since: 3))
        #expect(breaker.observe(degraded: false, now: 20).isEmpty)
        #expect(breaker.observe(degraded: false, now: 33) == [.setServerWeight(server, weight: 5), .setServerState(server, .ready)])
        #expect(breaker.state == .halfOpen(since: 33))
        #expect(breaker.observe(degraded: true, now: 34) == [.setServerState(server, .drain)])  // probe failed
        #expect(breaker.observe(degraded: false, now: 64).count == 2)
        #expect(breaker.observe(degraded: false, now: 65).isEmpty)
        #expect(breaker.observe(degraded: false, now: 66) == [.setServerWeight(server, weight: 100)])
        #expect(breaker.state == .closed)
    }
}
