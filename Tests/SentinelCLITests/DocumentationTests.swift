import Foundation
import SentinelTestSupport
import Testing

@Suite("Documentation")
struct DocumentationTests {
    @Test("docs/features.md holds the feature tables exactly as `sentinel features` prints them")
    func featureTables() throws {
        let document = try String(contentsOfFile: SharedData.packageRoot + "/docs/features.md", encoding: .utf8)
        let printed = try SentinelProcess.run(["features"]).stdout
        for line in printed.split(separator: "\n") where line.hasPrefix("| `") {
            #expect(document.contains(line), "docs/features.md lacks: \(line)")
        }
    }

    @Test("the README starts with a quick start and a table of contents whose links resolve")
    func quickStartAndContents() throws {
        let readme = try String(contentsOfFile: SharedData.packageRoot + "/README.md", encoding: .utf8)
        #expect(readme.contains("## Quick start") && readme.contains("## Contents"))
        let headings = Set(
            readme.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { heading in
                String(
                    heading.dropFirst(3).lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
                        .replacingOccurrences(of: " ", with: "-"))
            })
        var anchors = 0
        for part in readme.components(separatedBy: "](#").dropFirst() {
            let anchor = String(part.prefix { $0 != ")" })
            #expect(headings.contains(anchor), "no heading for #\(anchor)")
            anchors += 1
        }
        #expect(anchors >= 10)
        for part in readme.components(separatedBy: "](docs/").dropFirst() {
            let file = "docs/" + String(part.prefix { $0 != ")" })
            #expect(FileManager.default.fileExists(atPath: SharedData.packageRoot + "/" + file), "\(file) missing")
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
