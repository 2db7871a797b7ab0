import Foundation
import SentinelTestSupport
import Testing

/// The contract of `sentinel plan`: its table and JSON, its errors, and `--html`.
@Suite("sentinel plan")
struct PlanCommandTests {
    static let flood = "rules/traces/flood.csv"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The figures of one table row: the text after the label, split on runs of spaces.
    static func figures(_ table: String, _ label: String) -> [String] {
        guard let line = table.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return [] }
        return line.dropFirst(label.count).split(separator: " ").map(String.init)
    }

    @Test("the table: the planner admits less of the flood and peaks at fewer replicas than the reactive HPA")
    func table() throws {
        let result = try SentinelProcess.run(["plan", "--trace", Self.flood])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Trace \(Self.flood): 432 rows of 600 s, season 144 rows"))
        #expect(result.stdout.contains("forecast planner (hw)") && result.stdout.contains("reactive HPA"))
        let admitted = Self.figures(result.stdout, "attack requests admitted").compactMap(Double.init)
        let peak = Self.figures(result.stdout, "peak replicas").compactMap(Int.init)
        #expect(admitted.count == 2 && peak.count == 2)
        if admitted.count == 2 { #expect(admitted[0] < admitted[1]) }
        if peak.count == 2 { #expect(peak[0] < peak[1]) }
        for label in ["SLO-violation rows", "replica-minutes", "legitimate requests blocked", "actions"] {
            #expect(Self.figures(result.stdout, label).count == 2, "\(label)")
        }
    }

    @Test("--format json: the same figures for both strategies")
    func json() throws {
        let result = try SentinelProcess.run(["plan", "--trace", Self.flood, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try Self.json(result.stdout)
        #expect(object["rows"] as? Int == 432)
        #expect(object["step"] as? Double == 600)
        #expect(object["season"] as? Int == 144)
        let planner = try #require(object["planner"] as? [String: Any])
        let reactive = try #require(object["reactive"] as? [String: Any])
        let plannerAdmitted = try #require(planner["attackAdmitted"] as? Double)
        let reactiveAdmitted = try #require(reactive["attackAdmitted"] as? Double)
        #expect(plannerAdmitted < reactiveAdmitted)
        #expect(try #require(planner["peakReplicas"] as? Int) < (try #require(reactive["peakReplicas"] as? Int)))
        #expect((planner["legitimateBlocked"] as? Double ?? -1) >= 0)
        #expect((reactive["legitimateBlocked"] as? Double) == 0)
        #expect((planner["replicas"] as? [Int])?.count == 432)
        let table = try SentinelProcess.run(["plan", "--trace", Self.flood])
        #expect(
            Self.figures(table.stdout, "attack requests admitted") == [
                String(format: "%.0f", plannerAdmitted),
                String(format: "%.0f", reactiveAdmitted),
            ])
    }

    @Test("a bad trace exits 2 naming the file and line")
    func badTrace() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("bad.csv")
            FileManager.default.createFile(atPath: file, contents: Data("time,legit,attack\n0,10,0\n600,x,0\n".utf8))
            let result = try SentinelProcess.run(["plan", "--trace", file])
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(file):3: legit must be a finite number, not 'x'"), "\(result.stderr)")
            let missing = try SentinelProcess.run(["plan", "--trace", dir.file("none.csv")])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("none.csv: no such file"), "\(missing.stderr)")
        }
    }

    @Test(
        "invalid options exit 64",
        arguments: [
            ["--capacity", "0"], ["--target-utilization", "1.5"], ["--min-replicas", "5", "--max-replicas", "2"],
            ["--horizon", "0"], ["--method", "auto"], ["--format", "xml"],
        ])
    func invalidOptions(_ options: [String]) throws {
        let result = try SentinelProcess.run(["plan", "--trace", Self.flood] + options)
        #expect(result.status == 64, "\(options): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--html writes the plan report beside the table")
    func html() throws {
        try TemporaryDirectory.with { dir in
            let page = dir.file("plan.html")
            let result = try SentinelProcess.run(["plan", "--trace", Self.flood, "--html", page])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("attack requests admitted"))
            #expect(result.stderr.contains("report: \(page) ("))
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            for id in ["plan-forecast", "plan-capacity", "plan-replicas"] { #expect(html.contains("id=\"\(id)\""), "\(id)") }
            #expect(html.contains("<td>attack requests admitted</td>"))
            #expect(!html.contains("<script"))
            let unwritable = try SentinelProcess.run(["plan", "--trace", Self.flood, "--html", dir.file("no/such/dir/plan.html")])
            #expect(unwritable.status == 2)
            #expect(unwritable.stderr.contains("no/such/dir/plan.html"))
        }
    }
}
