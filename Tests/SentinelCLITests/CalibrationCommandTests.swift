import Foundation
import SentinelTestSupport
import Testing

/// `train --calibrate` and the reliability table of `evaluate`.
@Suite("train --calibrate, evaluate's reliability")
struct CalibrationCommandTests {
    static let captures = SharedData.packageRoot + "/captures"

    @Test("--calibrate fits a temperature on leave-one-file-out predictions and saves it; evaluate reports the reliability")
    func calibrateThenEvaluate() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let model = dir.file("tree.json")
        let trained = try SentinelProcess.run([
            "train", "--captures", Self.captures, "--model", "tree", "--leave-one-file-out", "--calibrate", "-o", model,
        ])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(trained.stdout.contains("calibration: temperature"), "\(trained.stdout)")
        #expect(trained.stdout.contains("leave-one-group-out"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        let calibration = try #require(object["calibration"] as? [String: Any], "no calibration in the model file")
        // The tree's 0/1 probabilities are over-confident on files it never saw: softened.
        #expect((calibration["temperature"] as? Double ?? 0) > 1)

        let html = dir.file("evaluation.html")
        let evaluated = try SentinelProcess.run([
            "evaluate", "--model", model, "--captures", Self.captures, "--format", "json", "--html", html,
        ])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(evaluated.stdout.utf8)) as? [String: Any])
        let reliability = try #require(report["calibration"] as? [String: Any])
        #expect((reliability["bins"] as? [[String: Any]])?.count == 10)
        #expect(reliability["ece"] is Double && reliability["windows"] as? Int == 185)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("id=\"reliability-diagram\""))

        let plain = try SentinelProcess.run(["evaluate", "--model", model, "--captures", Self.captures])
        #expect(plain.stdout.contains("calibration: ECE"), "\(plain.stdout)")
    }
}
