import Foundation
import SentinelFuzzTargets
import Testing

/// Every input the fuzzer kept (`Fuzz/corpus/TARGET`) and every finding (`Findings/TARGET`,
/// each a file that made a target trap before its fix) replayed through the same target
/// functions `scripts/fuzz.sh` fuzzes, without sanitizers: a finding that comes back fails here.
@Suite("Fuzz corpora and findings replayed")
struct FuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files in `folder`, sorted (none when the folder is missing).
    static func inputs(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test("each target's committed corpus", arguments: FuzzTarget.all.map(\.name))
    func corpus(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let files = Self.inputs(Self.root.appendingPathComponent("Fuzz/corpus/\(name)"))
        #expect(!files.isEmpty, "Fuzz/corpus/\(name) is empty")
        for file in files { target.replay(Array(try Data(contentsOf: file))) }
    }

    @Test("each finding, fixed", arguments: FuzzTarget.all.map(\.name))
    func findings(_ name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Findings/\(name)")
        for file in Self.inputs(folder) { target.replay(Array(try Data(contentsOf: file))) }
    }
}
