import SentinelAlerts
import SentinelTestSupport
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("ceilings double from 1 s and stop at 15 minutes")
    func ceilings() {
        let backoff = Backoff()
        #expect(
            (1...12).map { backoff.ceiling(failures: $0) }
                == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
        #expect(backoff.ceiling(failures: 1_000_000) == 900)
        #expect(Backoff(base: 0).ceiling(failures: 1_000_000) == 0)
    }

    @Test("full jitter is within [0, ceiling] and deterministic for a seed")
    func jitter() {
        let backoff = Backoff()
        var first = SeededGenerator(seed: 42)
        var second = SeededGenerator(seed: 42)
        let a = (1...20).map { backoff.delay(failures: $0, using: &first) }
        let b = (1...20).map { backoff.delay(failures: $0, using: &second) }
        #expect(a == b)
        for (index, delay) in a.enumerated() {
            #expect(delay >= 0 && delay <= backoff.ceiling(failures: index + 1))
        }
        #expect(Set(a).count > 15, "jittered, not constant")
    }
}
