import Foundation
import SentinelTestSupport
import Testing

@Suite("analyze over ../shared", .enabled(if: SharedData.isAvailable, "needs ../shared (absent in a user's clone)"))
struct SharedCapturesCLITests {
    static func files(under folder: String) -> [String] {
        let root = SharedData.path + "/" + folder
        guard let names = FileManager.default.enumerator(atPath: root) else { return [] }
        return names.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".cap") }
            .sorted().map { root + "/" + $0 }
    }

    @Test("every real capture analyses with exit 0")
    func realCaptures() throws {
        let files = Self.files(under: "captures-real")
        #expect(files.count >= 30)
        for file in files {
            let result = try SentinelProcess.run(["analyze", "--format", "json", file], timeout: 120)
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.hasPrefix("{\"summary\""))
        }
    }

    @Test("the tcpdump corpus: no crash, no hang; exit 0, or 2 with a message")
    func tcpdumpCorpus() throws {
        let root = SharedData.path + "/corpus/tcpdump"
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(names.count >= 800)
        var opened = 0, refused = 0
        for name in names {
            let path = root + "/" + name
            let result = try SentinelProcess.run(["analyze", "--format", "csv", path], timeout: 30)
            #expect(result.status == 0 || result.status == 2, "\(name): status \(result.status) \(result.stderr)")
            if result.status == 2 {
                refused += 1
                #expect(result.stderr.contains(name), "\(name): \(result.stderr)")
            } else {
                opened += 1
            }
        }
        #expect(opened > 700)
    }
}
