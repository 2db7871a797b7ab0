import Foundation
import SentinelTestSupport
import Testing

/// `train --calibrate` and the reliability table of `evaluate`.
@Suite("train --calibrate, evaluate's reliability")
struct CalibrationCommandTests {
    static let captures = SharedData.packageRoot + "/captures"

    @Test("--calibrate fits a temperature on leave-one-file-out predictions and saves it; evaluate reports the reliability")
    func calibrateThenEvaluate() throws {
        try TemporaryDirectory.with { dir in
            let model = dir.file("tree.json")
            let trained = try SentinelProcess.run([
                "train", "--captures", Self.captures, "--model", "tree", "--leave-one-file-out", "--calibrate", "-o", model,
            ])
            #expect(trained.status == 0, "\(trained.stderr)")
            #expect(trained.stdout.contains("calibration: temperature"), "\(trained.stdout)")
            #expect(trained.stdout.contains("leave-one-group-out"))
            let object = try #require(try JSONObject.read(file: model))
            let calibration = try #require(object["calibration"] as? [String: Any], "no calibration in the model file")
            // The tree's 0/1 probabilities are over-confident on files it never saw: softened.
            #expect((calibration["temperature"] as? Double ?? 0) > 1)

            let html = dir.file("evaluation.html")
            let evaluated = try SentinelProcess.run([
                "evaluate", "--model", model, "--captures", Self.captures, "--format", "json", "--html", html,
            ])
            #expect(evaluated.status == 0, "\(evaluated.stderr)")
            let report = try #require(try evaluated.json())
            let reliability = try #require(report["calibration"] as? [String: Any])
            #expect((reliability["bins"] as? [[String: Any]])?.count == 10)
            #expect(reliability["ece"] is Double && reliability["windows"] as? Int == 185)
            #expect(try String(contentsOfFile: html, encoding: .utf8).contains("id=\"reliability-diagram\""))

            let plain = try SentinelProcess.run(["evaluate", "--model", model, "--captures", Self.captures])
            #expect(plain.stdout.contains("calibration: ECE"), "\(plain.stdout)")
        }
    }
}

/// `evaluate --baseline` / `--learn-baseline`: the verdicts as the site gate would judge them.
@Suite("evaluate with the site gate")
struct GatedEvaluationCommandTests {
    @Test("each file judged against a site baseline: gated metrics beside the model's, unknown_anomaly counted apart")
    func gatedMetrics() throws {
        try TemporaryDirectory.with { dir in
            let captures = CalibrationCommandTests.captures
            let site = dir.file("site.json")
            #expect(try SentinelProcess.run(["baseline", captures + "/normal.pcap", "-o", site]).status == 0)
            let run = try SentinelProcess.run([
                "evaluate", "--model", SharedData.packageRoot + "/models/default.json", "--captures", captures, "--baseline", site,
                "--format", "json",
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let object = try #require(try run.json())
            let gated = try #require(object["gated_metrics"] as? [String: Any], "\(run.stdout.prefix(300))")
            let plain = try #require(object["metrics"] as? [String: Any])
            let names = { (metrics: [String: Any]) in ((metrics["classes"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            }
            #expect(names(gated).last == "unknown_anomaly", "\(names(gated))")
            #expect(!names(plain).isEmpty && !names(plain).contains("unknown_anomaly"))
            let benign = try #require(object["benign"] as? [String: Any])
            #expect(benign["false_incidents"] as? Int == 0 && benign["unknown_anomaly"] is Int)

            let text = try SentinelProcess.run([
                "evaluate", "--model", SharedData.packageRoot + "/models/default.json", "--captures", captures, "--learn-baseline",
                "--baseline-warmup", "5",
            ])
            #expect(
                text.stdout.contains("with the site gate (each file's baseline learnt as it goes, warm-up 5 windows)"), "\(text.stdout)")
            #expect(text.stdout.contains("attack windows flagged as anything"))
        }
    }

    @Test("a CSV of rows has no sites to learn: refused with the reason")
    func csvRefused() throws {
        try TemporaryDirectory.with { dir in
            let csv = try dir.write("a,b,label\n1,2,x\n3,4,y\n1,2,x\n3,4,y\n", to: "rows.csv")
            let model = dir.file("m.json")
            #expect(
                try SentinelProcess.run(["train", "--csv", csv, "--label-column", "label", "--model", "tree", "-o", model]).status == 0)
            let run = try SentinelProcess.run(["evaluate", "--model", model, "--csv", csv, "--learn-baseline"])
            #expect(run.status == 2 && run.stderr.contains("not a CSV of rows"), "\(run.stderr)")
        }
    }
}
