import Foundation
import SentinelTestSupport
import Testing

/// `train`, `evaluate` and `analyze --model` on the bundled captures and small CSV files.
@Suite("sentinel train, evaluate, analyze --model")
struct DetectionCommandTests {
    static let captures = SharedData.packageRoot + "/captures"

    /// A small labelled CSV: three classes that two numeric columns separate, an identifier
    /// and a categorical column.
    static func flowsCSV(rows: Int = 90) -> String {
        var text = "Flow ID,Duration,Packets,Protocol,Label\n"
        let classes = ["BENIGN", "DoS", "PortScan"]
        for i in 0..<rows {
            let c = i % 3
            let duration = [10.0, 0.5, 0.01][c] * (1 + Double(i % 7) / 10)
            let packets = [40, 5000, 1][c] + i % 5
            text += "f\(i),\(duration),\(packets),\(c == 1 ? "udp" : "tcp"),\(classes[c])\n"
        }
        return text
    }

    @Test("train on captures prints held-out metrics and writes a model that evaluate and analyze use")
    func trainEvaluateAnalyze() throws {
        try TemporaryDirectory.with { dir in
            let model = dir.file("tree.json")
            let trained = try SentinelProcess.run(["train", "--captures", Self.captures, "--model", "tree", "-o", model])
            #expect(trained.status == 0, "\(trained.stderr)")
            #expect(trained.stdout.contains("decision tree trained on"))
            #expect(trained.stdout.contains("macro F1"))
            #expect(trained.stdout.contains("confusion matrix (rows = true, columns = predicted):"))
            let object = try #require(try JSONObject.read(file: model))
            #expect(object["format"] as? String == "sentinel-model")
            #expect(object["kind"] as? String == "tree")
            #expect((object["class_names"] as? [String])?.contains("syn_flood") == true)
            let metadata = try #require(object["metadata"] as? [String: Any])
            #expect(metadata["held_out_metrics"] != nil)
            #expect(metadata["sources"] as? [String] == [Self.captures])

            let evaluated = try SentinelProcess.run(["evaluate", "--model", model, "--captures", Self.captures, "--per-file"])
            #expect(evaluated.status == 0, "\(evaluated.stderr)")
            #expect(evaluated.stdout.contains("accuracy"))
            #expect(evaluated.stdout.contains("/captures/syn_flood.pcap"))

            let csv = try SentinelProcess.run(["analyze", "--model", model, "--format", "csv", Self.captures + "/mixed.pcap"])
            #expect(csv.status == 0, "\(csv.stderr)")
            let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let header = try #require(lines.first).map(String.init)
            let classes = try #require(object["class_names"] as? [String])
            #expect(Array(header.suffix(classes.count + 2)) == ["verdict", "confidence"] + classes.map { "p_" + $0 })
            let verdictColumn = header.firstIndex(of: "verdict")!
            for row in lines.dropFirst() {
                #expect(row.count == header.count)
                let p = row.suffix(classes.count).compactMap { Double($0) }
                #expect(abs(p.reduce(0, +) - 1) < 1e-6)
                #expect(classes.contains(String(row[verdictColumn])))
            }
            #expect(lines.dropFirst().contains { $0[verdictColumn] == "syn_flood" })

            let json = try SentinelProcess.run(["analyze", "--model", model, "--format", "json", Self.captures + "/mixed.pcap"])
            let report = try #require(try json.json())
            let windows = try #require(report["windows"] as? [[String: Any]])
            for window in windows {
                #expect(window["verdict"] is String)
                #expect(window["confidence"] is Double || window["confidence"] is Int)
                for name in classes { #expect(window["p_" + name] != nil) }
            }
            let detection = try #require(report["detection"] as? [String: Any])
            let attacks = try #require(detection["attacks"] as? [[String: Any]])
            let flood = try #require(attacks.first { $0["class"] as? String == "syn_flood" })
            #expect((flood["top_offenders"] as? [[String: Any]])?.isEmpty == false)
            #expect((flood["explanation"] as? [String])?.isEmpty == false)

            let text = try SentinelProcess.run(["analyze", "--model", model, Self.captures + "/mixed.pcap"])
            #expect(text.stdout.contains("Detection (decision tree, \(model)):"))
            #expect(text.stdout.contains("syn_flood"))
            #expect(text.stdout.contains("top sources:"))
            #expect(text.stdout.contains("why: "))
        }
    }

    @Test("train on a CSV with an identifier and a category; evaluate reads it the way the model was trained")
    func csvRoundTrip() throws {
        try TemporaryDirectory.with { dir in
            let data = try dir.write(Self.flowsCSV(), to: "flows.csv")
            let model = dir.file("nb.json")
            let trained = try SentinelProcess.run([
                "train", "--csv", data, "--label-column", "Label", "--drop-columns", "Flow ID",
                "--model", "nb", "--format", "json", "-o", model,
            ])
            #expect(trained.status == 0, "\(trained.stderr)")
            let metrics = try #require(try trained.json())
            #expect(((metrics["held_out"] as? [String: Any])?["accuracy"] as? Double ?? 0) > 0.9)
            let object = try #require(try JSONObject.read(file: model))
            #expect(object["feature_names"] as? [String] == ["Duration", "Packets", "Protocol=tcp", "Protocol=udp"])
            // label column and dropped columns come from the model
            let evaluated = try SentinelProcess.run(["evaluate", "--model", model, "--csv", data, "--format", "json"])
            #expect(evaluated.status == 0, "\(evaluated.stderr)")
            // a file lacking a feature the model reads is refused, naming it
            let lacking = try dir.write("Flow ID,Duration,Label\nf1,1.0,BENIGN\n", to: "lacking.csv")
            let refused = try SentinelProcess.run(["evaluate", "--model", model, "--csv", lacking])
            #expect(refused.status == 2)
            #expect(refused.stderr.contains("missing 1: Packets"), "\(refused.stderr)")
        }
    }

    @Test(
        "bad CSVs and bad model files end with exit 2 and a message naming file, line or column",
        arguments: [
            ("", "empty file"),
            ("x,Label\n", "only a header"),
            ("x,Label\n1,a\n2\n", ":3: 1 cells where the header has 2"),
            ("x,Label\n1,a\n2,b\nfast,a\n3,b\n", ":4: column 'x' is numeric but this cell is 'fast'"),
            ("x,Class\n1,a\n", "no label column 'Label'"),
            ("x,Label\n1,a\n2,a\n3,a\n", "single class"),
            ("x,Label\n1,a\n2,a\n3,b\n", "class 'b' has 1 row"),
        ])
    func badCSV(text: String, message: String) throws {
        try TemporaryDirectory.with { dir in
            let data = try dir.write(text, to: "bad.csv")
            let result = try SentinelProcess.run(["train", "--csv", data, "--label-column", "Label", "-o", dir.file("m.json")])
            #expect(result.status == 2, "\(result.stdout)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("m.json")))
        }
    }

    @Test("a model file that is not JSON, or of another version, is refused by analyze and evaluate")
    func badModel() throws {
        try TemporaryDirectory.with { dir in
            let garbage = try dir.write("not json at all", to: "garbage.json")
            let a = try SentinelProcess.run(["analyze", "--model", garbage, Self.captures + "/normal.pcap"])
            #expect(a.status == 2)
            #expect(a.stderr.contains("\(garbage): not a model file: not valid JSON"), "\(a.stderr)")
            let future = try dir.write(#"{"format": "sentinel-model", "version": 7}"#, to: "future.json")
            let b = try SentinelProcess.run(["evaluate", "--model", future, "--captures", Self.captures])
            #expect(b.status == 2)
            #expect(b.stderr.contains("model format version 7 is not supported"), "\(b.stderr)")
            let missing = try SentinelProcess.run(["analyze", "--model", dir.file("none.json"), Self.captures + "/normal.pcap"])
            #expect(missing.status == 2)
            #expect(missing.stderr.contains("none.json: cannot read the model"))
        }
    }

    @Test("--no-model leaves the verdict columns out; the help names every classifier")
    func noModelAndHelp() throws {
        let csv = try SentinelProcess.run(["analyze", "--no-model", "--format", "csv", Self.captures + "/normal.pcap"])
        #expect(csv.status == 0)
        #expect(!(csv.stdout.split(separator: "\n").first ?? "").contains("verdict"))
        let help = try SentinelProcess.run(["train", "--help"])
        for word in [
            "--captures", "--csv", "--label-column", "--drop-columns", "--model", "nb", "tree", "mlp", "ensemble",
            "--max-depth", "--hidden", "--weights", "--leave-one-file-out", "--test-fraction", "--seed",
        ] {
            #expect(help.stdout.contains(word), "train --help lacks \(word)")
        }
    }
}
