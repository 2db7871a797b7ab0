import Foundation
import SentinelTestSupport
import Testing

@Suite("Documentation")
struct DocumentationTests {
    @Test("README.md holds the feature tables exactly as `sentinel features` prints them")
    func featureTables() throws {
        let readme = try String(contentsOfFile: SharedData.packageRoot + "/README.md", encoding: .utf8)
        let printed = try SentinelProcess.run(["features"]).stdout
        for line in printed.split(separator: "\n") where line.hasPrefix("| `") {
            #expect(readme.contains(line), "README lacks: \(line)")
        }
    }

    @Test("the README's first commands are the two set-up commands")
    func topCommands() throws {
        let readme = try String(contentsOfFile: SharedData.packageRoot + "/README.md", encoding: .utf8)
        let head = readme.prefix(1500)
        #expect(head.contains("scripts/demo.sh"))
        #expect(head.contains(".ci/run"))
    }
}
