import SentinelForecast
import Testing

@Suite("Load series: CSV reading and checks")
struct LoadSeriesTests {
    @Test("a header is optional and both timestamp formats read the same times")
    func headerAndFormats() throws {
        let plain = try LoadSeries(csv: "1396310400,1\n1396310700,2\n1396311000,3\n", source: "a.csv")
        let nab = try LoadSeries(csv: "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n2014-04-01 00:10:00,3\n", source: "b.csv")
        #expect(plain.times == nab.times)
        #expect(plain.values == [1, 2, 3])
        #expect(plain.step == 300)
        #expect(nab.timeFormat == .dateTime)
        #expect(nab.timeFormat.format(nab.times[1]) == "2014-04-01 00:05:00")
        #expect(plain.attackShare == nil)
    }

    @Test("every problem of a file is listed with its line")
    func everyProblemWithItsLine() throws {
        let text = """
            time,value
            100,1
            yesterday,2
            300,nan
            400,-5
            400,4
            350,6
            600,abc
            """
        let error = #expect(throws: SeriesError.self) { try LoadSeries(csv: text, source: "load.csv") }
        guard case let .invalid(source, problems)? = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return
        }
        #expect(source == "load.csv")
        #expect(Set(problems.map(\.line)) == [3, 4, 5, 6, 7, 8])
        let text2 = error!.description
        #expect(text2.contains("load.csv:3: cannot read 'yesterday' as a time"))
        #expect(text2.contains("load.csv:4: value is NaN"))
        #expect(text2.contains("load.csv:5: negative value"))
        #expect(text2.contains("load.csv:6: duplicate timestamp 400 (also at line 5)"))
        #expect(text2.contains("load.csv:7: timestamp 350 is earlier"))
        #expect(text2.contains("load.csv:8: cannot read 'abc' as a number"))
    }

    @Test("short gaps are interpolated, long gaps and off-step times refused")
    func gaps() throws {
        let filled = try LoadSeries(csv: "0,10\n10,20\n40,50\n50,60\n", source: "gap.csv", maxGap: 2)
        #expect(filled.values == [10, 20, 30, 40, 50, 60])
        #expect(filled.filledIndices == [2, 3])
        #expect(filled.times == [0, 10, 20, 30, 40, 50])

        let long = #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,1\n10,1\n20,1\n80,1\n", source: "long.csv", maxGap: 2) }
        #expect(long?.description.contains("long.csv:4: gap of 5 missing points") == true)

        let offStep = #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,1\n10,1\n20,1\n25,1\n30,1\n", source: "off.csv") }
        #expect(offStep?.description.contains("off.csv:4: timestamp 25 is off the 10 s grid") == true)
    }

    @Test("a third column is the attack share, checked to lie in [0, 1]")
    func attackShare() throws {
        let series = try LoadSeries(csv: "time,value,attack_share\n0,10,0\n60,20,0.5\n", source: "s.csv")
        #expect(series.attackShare == [0, 0.5])
        let error = #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,10,0\n60,20,1.5\n", source: "s.csv") }
        #expect(error?.description.contains("s.csv:2: attack share 1.5") == true)
    }

    @Test("a file with fewer than two points or that cannot be read is an error, not a crash")
    func emptyAndMissing() {
        let empty = #expect(throws: SeriesError.self) { try LoadSeries(csv: "time,value\n", source: "empty.csv") }
        #expect(empty?.description.contains("0 data points") == true)
        let missing = #expect(throws: SeriesError.self) { try LoadSeries(csvFile: "/nonexistent/series.csv") }
        guard case .cannotRead? = missing else {
            Issue.record("expected .cannotRead, got \(String(describing: missing))")
            return
        }
    }
}
