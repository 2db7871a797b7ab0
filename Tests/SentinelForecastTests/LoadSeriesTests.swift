import SentinelForecast
import Testing

@Suite("Load series: CSV reading and checks")
struct LoadSeriesTests {
    @Test("a header is optional and both timestamp formats read the same times")
    func headerAndFormats() throws {
        let plain = try LoadSeries(csv: "1396310400,1\n1396310700,2\n1396311000,3\n", source: "a.csv")
        let nab = try LoadSeries(
            csv: "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n2014-04-01 00:10:00,3\n", source: "b.csv")
        #expect(plain.times == nab.times)
        #expect(plain.values == [1, 2, 3])
        #expect(plain.step == 300)
        #expect(nab.timeFormat == .dateTime)
        #expect(nab.timeFormat.format(nab.times[1]) == "2014-04-01 00:05:00")
        #expect(plain.attackShare == nil)
    }

    /// The fuzzer's finding (issue 16): one time of 1.8e76 among hourly rows put a point past
    /// Int's range on the grid and trapped; a step of nanoseconds did too, and so did the daily
    /// season of a step far below a microsecond.
    @Test("times far from the others are refused by line, not a trap")
    func timesFarApart() throws {
        #expect {
            try LoadSeries(csv: "time,value\n1767279600,1\n1767283200,2\n1767286800,3\n1.8e76,4\n", source: "far.csv")
        } throws: { error in
            "\(error)".contains("far.csv") && "\(error)".contains(":5") || "\(error)".contains("line 5")
        }
        #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,1\n1e-9,2\n2e-9,3\n1e12,4\n", source: "ns.csv") }
        let tiny = try LoadSeries(csv: "0,1\n1e-300,2\n2e-300,3\n", source: "tiny.csv")
        #expect(tiny.pointsPerDay == nil)
    }

    @Test("CRLF line ends read exactly like LF")
    func crlf() throws {
        let lf = "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 01:00:00,2\n2014-04-01 02:00:00,3\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let a = try LoadSeries(csv: lf, source: "lf.csv")
        let b = try LoadSeries(csv: crlf, source: "lf.csv")
        #expect(a == b)
        #expect(b.values == [1, 2, 3])
        let rows = try SeriesRows(csv: crlf, source: "crlf.csv")
        #expect(rows.timeTexts == ["2014-04-01 00:00:00", "2014-04-01 01:00:00", "2014-04-01 02:00:00"])
        #expect(rows.lines == [2, 3, 4])
    }

    @Test("only what cannot be read is refused, every such line named")
    func unreadableLines() throws {
        let text = """
            time,value
            100,1
            yesterday,2
            300,abc
            400,1,2,3
            """
        let error = #expect(throws: SeriesError.self) { try LoadSeries(csv: text, source: "load.csv") }
        guard case let .invalid(source, problems)? = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return
        }
        #expect(source == "load.csv")
        #expect(problems.map(\.line) == [3, 4, 5])
        let message = error!.description
        #expect(message.contains("load.csv:3: cannot read 'yesterday' as a time"))
        #expect(message.contains("load.csv:4: cannot read 'abc' as a number"))
        #expect(message.contains("load.csv:5: 4 fields"))
    }

    @Test("unsorted rows, duplicates, off-grid times, missing values and negatives are put on a grid and said")
    func regularised() throws {
        let text = """
            time,value
            0,10
            20,30
            10,20
            20,50
            30,-4
            41,60
            50,nan
            60,80
            """
        let series = try LoadSeries(csv: text, source: "messy.csv")
        #expect(series.step == 10)
        #expect(series.times == [0, 10, 20, 30, 40, 50, 60])
        // 20 appears twice (30 and 50: averaged to 40); 41 moves to 40; 50 is missing and filled.
        #expect(series.values == [10, 20, 40, -4, 60, 70, 80])
        #expect(series.filledIndices == [5])
        let notes = series.notes.joined(separator: "\n")
        #expect(notes.contains("1 rows with a missing or infinite value skipped (first at line 8)"))
        #expect(notes.contains("out of time order (first at line 3) sorted by time"))
        #expect(notes.contains("1 times off the 10 s grid (first at line 7) moved to the nearest step"))
        #expect(notes.contains("1 rows on a step already taken"))
    }

    @Test("short gaps are interpolated; after a long gap the series restarts and says so")
    func gaps() throws {
        let filled = try LoadSeries(csv: "0,10\n10,20\n40,50\n50,60\n", source: "gap.csv", maxGap: 2)
        #expect(filled.values == [10, 20, 30, 40, 50, 60])
        #expect(filled.filledIndices == [2, 3])
        #expect(filled.times == [0, 10, 20, 30, 40, 50])
        #expect(filled.notes.isEmpty)

        let long = try LoadSeries(csv: "0,1\n10,1\n20,1\n80,2\n90,3\n", source: "long.csv", maxGap: 2)
        #expect(long.values == [2, 3])
        #expect(long.times == [80, 90])
        #expect(
            long.notes == [
                "gap of 5 missing points before line 4 (more than 2 are not filled): the series restarts there, the 3 points before it are not used"
            ])

        let tooShort = #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,1\n10,1\n20,1\n80,1\n", source: "end.csv", maxGap: 2) }
        #expect(tooShort?.description.contains("1 point after the last gap") == true)
    }

    @Test("a third column is the attack share, checked to lie in [0, 1]")
    func attackShare() throws {
        let series = try LoadSeries(csv: "time,value,attack_share\n0,10,0\n60,20,0.5\n", source: "s.csv")
        #expect(series.attackShare == [0, 0.5])
        let error = #expect(throws: SeriesError.self) { try LoadSeries(csv: "0,10,0\n60,20,1.5\n", source: "s.csv") }
        #expect(error?.description.contains("s.csv:2: attack share '1.5' is not a number in [0, 1]") == true)
    }

    @Test("a file with fewer than two points or that cannot be read is an error, not a crash")
    func emptyAndMissing() {
        let empty = #expect(throws: SeriesError.self) { try LoadSeries(csv: "time,value\n", source: "empty.csv") }
        #expect(empty?.description.contains("no data rows") == true)
        let missing = #expect(throws: SeriesError.self) { try LoadSeries(csvFile: "/nonexistent/series.csv") }
        guard case .cannotRead? = missing else {
            Issue.record("expected .cannotRead, got \(String(describing: missing))")
            return
        }
    }
}
