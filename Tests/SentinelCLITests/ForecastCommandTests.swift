import Foundation
import SentinelStore
import SentinelTestSupport
import Testing

@Suite("sentinel forecast and anomalies")
struct ForecastCommandTests {
    static let start = 1_767_225_600

    /// An hourly daily cycle over `days` days with a little deterministic wobble, and an
    /// optional spike (×3) at `spike`.
    static func values(days: Int, spike: Int? = nil) -> [Double] {
        (0..<(days * 24)).map { t in
            let base = 100 + 40 * sin(2 * Double.pi * Double(t % 24) / 24) + Double((t * 7919) % 11) - 5
            return t == spike ? 3 * base : base
        }
    }

    static func writeSeries(_ values: [Double], to path: String, header: String = "time,value") {
        let rows = values.enumerated().map { "\(start + 3_600 * $0.offset),\($0.element)" }
        FileManager.default.createFile(atPath: path, contents: Data(([header] + rows).joined(separator: "\n").utf8 + [10]))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("forecast --format json: the forecast with intervals and each method's backtest beside seasonal naive")
    func forecastJSON() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("load.csv")
            Self.writeSeries(Self.values(days: 12), to: file)
            let result = try SentinelProcess.run([
                "forecast", file, "--method", "hw", "--horizon", "6", "--origins", "5", "--format", "json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try Self.json(result.stdout)
            #expect(object["method"] as? String == "hw")
            let series = try #require(object["series"] as? [String: Any])
            #expect(series["season"] as? Int == 24)
            #expect(series["points"] as? Int == 288)
            let forecast = try #require(object["forecast"] as? [[String: Any]])
            #expect(forecast.count == 6)
            #expect(forecast.first?["time"] as? String == "\(Self.start + 3_600 * 288)")
            for point in forecast {
                let value = try #require(point["value"] as? Double)
                let lower = try #require(point["lower"] as? Double), upper = try #require(point["upper"] as? Double)
                #expect(lower <= value && value <= upper && lower >= 0)
            }
            let backtest = try #require(object["backtest"] as? [String: Any])
            #expect((backtest["origins"] as? [Int])?.count == 5)
            let methods = try #require(backtest["methods"] as? [[String: Any]])
            #expect(methods.compactMap { $0["method"] as? String } == ["hw", "naive"])
            for method in methods {
                let perHorizon = try #require(method["per_horizon"] as? [[String: Any]])
                #expect(perHorizon.map { $0["h"] as? Int } == [1, 2, 3, 4, 5, 6])
                #expect(perHorizon.allSatisfy { ($0["rmse"] as? Double ?? -1) >= 0 })
            }
        }
    }

    @Test("forecast as tables: the chosen method is marked and every method is compared with naive")
    func forecastTable() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("load.csv")
            Self.writeSeries(Self.values(days: 12), to: file)
            let result = try SentinelProcess.run(["forecast", file, "--horizon", "4", "--origins", "4"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("chosen by backtest"))
            #expect(result.stdout.contains("← forecast"))
            for name in ["naive", "ols", "hw", "ar", "narx"] { #expect(result.stdout.contains("\n\(name) "), "\(name) missing") }
            #expect(result.stdout.contains("RMSE by steps ahead"))
        }
    }

    @Test("a series with a line that cannot be read: exit 2, the line named, nothing on stdout")
    func badSeries() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("bad.csv")
            FileManager.default.createFile(atPath: file, contents: Data("time,value\n0,1\n60,-2\n60,3\nnoon,4\n".utf8))
            for command in [["forecast", file], ["anomalies", file]] {
                let result = try SentinelProcess.run(command)
                #expect(result.status == 2)
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains("\(file):5: cannot read 'noon' as a time"), "\(result.stderr)")
                #expect(
                    !result.stderr.contains(":3:") && !result.stderr.contains(":4:"),
                    "negative values and duplicates are read: \(result.stderr)")
            }
        }
    }

    @Test(
        "anomalies on a file as monitoring systems write it (CRLF, duplicates, uneven, unsorted): one row per input row, timestamps as written"
    )
    func anomaliesOneRowPerInputRow() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("messy.csv")
            var rows = ["timestamp,value"]
            for t in 0..<300 {
                let minute = t == 150 ? 149 : t  // a duplicate timestamp
                let value = t == 250 ? 900.0 : 100 + Double(t % 7)
                rows.append(String(format: "2014-04-01 %02d:%02d:00,%g", minute / 60, minute % 60, value))
            }
            rows.swapAt(100, 101)  // out of order
            rows.remove(at: 200)  // a gap
            FileManager.default.createFile(atPath: file, contents: Data((rows.joined(separator: "\r\n") + "\r\n").utf8))
            let out = dir.file("scores.csv")
            let result = try SentinelProcess.run(["anomalies", file, "-o", out])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == rows.count)
            #expect(lines.first == "timestamp,value,anomaly_score,label")
            for (input, output) in zip(rows.dropFirst(), lines.dropFirst()) {
                #expect(output.hasPrefix(input.split(separator: ",")[0] + ","), "\(output) for \(input)")
            }
            let flagged = lines.dropFirst().filter { $0.hasSuffix(",1") }
            #expect(flagged.count == 1 && flagged.first?.contains(",900.0,") == true, "\(flagged)")
        }
    }

    @Test("forecast says what it changed to put a series on a grid")
    func forecastNotes() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("dups.csv")
            var text = "time,value\r\n"
            for t in 0..<200 { text += "\(t * 60),\(100 + t % 5)\r\n" }
            text += "600,104\r\n"
            FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
            let result = try SentinelProcess.run(["forecast", file, "--method", "naive", "--horizon", "2", "--origins", "2"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("rows out of time order"), "\(result.stderr)")
            #expect(result.stderr.contains("averaged"), "\(result.stderr)")
        }
    }

    @Test("a series too short to backtest with auto: exit 2 with the reason")
    func tooShort() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("short.csv")
            Self.writeSeries([1, 2, 3, 4, 5], to: file)
            let result = try SentinelProcess.run(["forecast", file])
            #expect(result.status == 2)
            #expect(result.stderr.contains("short.csv: 5 points"), "\(result.stderr)")
        }
    }

    @Test("arguments are checked before anything is read")
    func validation() throws {
        let none = try SentinelProcess.run(["forecast"])
        #expect(none.status != 0 && none.stderr.contains("Give a series"), "\(none.stderr)")
        let horizon = try SentinelProcess.run(["forecast", "x.csv", "--horizon", "0"])
        #expect(horizon.status != 0 && horizon.stderr.contains("--horizon must be between 1 and 100000"), "\(horizon.stderr)")
        let huge = try SentinelProcess.run(["forecast", "x.csv", "--horizon", "1000000000"])
        #expect(huge.status != 0 && huge.stderr.contains("--horizon must be between"), "\(huge.stderr)")
        for (option, value) in [("--window", "2"), ("--suppression", "-1"), ("--season", "0"), ("--warmup", "0")] {
            let bad = try SentinelProcess.run(["anomalies", "x.csv", "\(option)=\(value)"])
            #expect(bad.status != 0 && bad.stderr.contains("\(option) must be"), "\(option) \(value): \(bad.stderr)")
        }
        let threshold = try SentinelProcess.run(["anomalies", "x.csv", "--threshold", "1.5"])
        #expect(threshold.status != 0 && threshold.stderr.contains("--threshold must be strictly between 0 and 1"))
        let help = try SentinelProcess.run(["forecast", "--help"])
        #expect(help.status == 0 && help.stdout.contains("seasonal naive") && help.stdout.contains("--db"))
    }

    @Test("forecast --db reads a load series from the store")
    func fromStore() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.file("sentinel.db")
            let db = try SentinelDatabase(path: path)
            for (t, value) in Self.values(days: 5).enumerated() {
                try db.appendLoad(series: "requests_per_second@web", time: Double(Self.start + 3_600 * t), value: value)
            }
            try db.appendLoad(series: "other", time: 0, value: 1)
            let result = try SentinelProcess.run([
                "forecast", "--db", path, "--series", "requests_per_second@web",
                "--method", "naive", "--horizon", "3", "--format", "json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try Self.json(result.stdout)
            #expect((object["series"] as? [String: Any])?["points"] as? Int == 120)
            #expect((object["forecast"] as? [[String: Any]])?.count == 3)
            let missing = try SentinelProcess.run(["forecast", "--db", path, "--series", "nope"])
            #expect(missing.status == 2 && missing.stderr.contains("no points of series 'nope'"), "\(missing.stderr)")
            // Without --series: the series the store holds, with their points and time span.
            let listing = try SentinelProcess.run(["forecast", "--db", path])
            #expect(listing.status == 0, "\(listing.stderr)")
            #expect(listing.stdout.contains("pass one with --series NAME"))
            let rows = listing.stdout.split(separator: "\n").filter { $0.hasPrefix("other") || $0.hasPrefix("requests_per_second@web") }
            #expect(rows.count == 2)
            #expect(rows.contains { $0.hasPrefix("requests_per_second@web") && $0.contains(" 120 ") }, "\(listing.stdout)")
        }
    }

    @Test("anomalies writes the NAB layout and labels the injected spike")
    func anomalies() throws {
        try TemporaryDirectory.with { dir in
            let file = dir.file("spike.csv"), out = dir.file("scores.csv")
            let spike = 24 * 8 + 10
            Self.writeSeries(Self.values(days: 10, spike: spike), to: file, header: "timestamp,value")
            let result = try SentinelProcess.run(["anomalies", file, "-o", out])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "timestamp,value,anomaly_score,label")
            #expect(lines.count == 241)
            let rows = lines.dropFirst().map { $0.split(separator: ",") }
            #expect(rows.allSatisfy { $0.count == 4 })
            #expect(rows[spike][0] == "\(Self.start + 3_600 * spike)")
            #expect(rows[spike][3] == "1")
            let scores = rows.map { Double($0[2]) ?? -1 }
            #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(scores.indices.max { scores[$0] < scores[$1] } == spike)
        }
    }
}
