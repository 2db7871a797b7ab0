import Foundation
import SentinelAlerts
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Incident ids (issue 16): with file descriptors exhausted, `UUID()` gave all zeros, every
/// incident had the same id and the outbox dropped the alerts as duplicates.
@Suite("Incident ids", .serialized)
struct IncidentIDTests {
    /// What `UUID()` returns with no descriptor left (seen on Swift 6.3.1, Linux), and all zeros.
    static let zeros: Set = ["00000000-0000-4000-8000-000000000000", "00000000-0000-0000-0000-000000000000"]

    @Test("ids are version-4 UUIDs in lower case, all distinct")
    func format() {
        let ids = (0..<10_000).map { _ in IncidentID.make() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "\(id)")
            #expect(Array(id)[14] == "4", "\(id)")
            #expect("89ab".contains(Array(id)[19]), "\(id)")
        }
    }

    static let childVariable = "SENTINEL_TEST_EXHAUST_DESCRIPTORS"

    @Test("the tracker's default ids stay distinct and non-zero while no descriptor is left")
    func exhaustedDescriptors() throws {
        // The descriptor limit is per process and inherited by children: the exhaustion runs in
        // a test process of its own, so tests running beside this one are never starved.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["--testing-library", "swift-testing", "--filter", "IncidentIDTests/exhaustedDescriptorsInChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = PipeReader(pipe)
        process.waitUntilExit()
        let output = reader.text
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains("no descriptor left (child process)\" passed"), "\(output)")
    }

    @Test("no descriptor left (child process)", .enabled(if: ProcessInfo.processInfo.environment[childVariable] == "1"))
    func exhaustedDescriptorsInChild() throws {
        var tracker = IncidentTracker(defaultPolicy: IncidentPolicy(openAfter: 1, resolveAfter: 1, cooldown: 0))
        var saved = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &saved) == 0)
        // The lowest free descriptor becomes the limit: every open() now fails with EMFILE.
        let lowest = dup(0)
        try #require(lowest >= 0)
        close(lowest)
        var exhausted = saved
        exhausted.rlim_cur = rlim_t(lowest)
        #expect(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &exhausted) == 0)
        let probe = open("/dev/null", O_RDONLY)
        let probeErrno = errno
        var ids: [String] = []
        for target in 0..<8 {
            let window = WindowObservation(
                start: 0, end: 1, className: "syn_flood", confidence: 0.9,
                target: "eth\(target)", topOffenders: [], keyFeatures: [:])
            for event in tracker.observe(window: window) {
                if case .opened(let incident) = event { ids.append(incident.id) }
            }
        }
        #expect(setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &saved) == 0)
        if probe >= 0 { close(probe) }
        #expect(probe < 0 && probeErrno == EMFILE, "descriptors were not exhausted")
        #expect(ids.count == 8)
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(Self.zeros.isDisjoint(with: ids), "\(ids)")
    }
}
