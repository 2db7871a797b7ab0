import ArgumentParser
import Foundation
import SentinelForecast
import SentinelStore

/// Where `forecast` reads its load series: a CSV file, or a series of the store.
struct SeriesArguments: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "A CSV file of time,value rows (header optional; time in seconds since 1970 or YYYY-MM-DD HH:MM:SS UTC; an optional third column is the attack share in [0, 1]).",
            valueName: "series.csv"))
    var file: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Read the series from this store database (only read) instead of a file; needs --series.", valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --db: the series' name, as sentinel run stores it: requests_per_s:LOG-PATH or packets_per_s:INTERFACE; without it the series the store holds are listed.",
            valueName: "name"))
    var series: String?

    @Option(name: .long, help: ArgumentHelp("With --db: the first time to read, seconds since 1970 (default: all).", valueName: "seconds"))
    var from: Double?

    @Option(name: .long, help: ArgumentHelp("With --db: read up to (not including) this time, seconds since 1970.", valueName: "seconds"))
    var to: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --db: only this sensor's points (its sentinel.host); by default each time's points are summed over the fleet's sensors.",
            valueName: "name"))
    var sensor: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The most consecutive missing points filled by linear interpolation; after a longer gap the series restarts (the points before it are not used).",
            valueName: "points"))
    var maxGap = LoadSeries.defaultMaxGap

    func validate() throws {
        switch (file, db) {
        case (nil, nil): throw ValidationError("Give a series: a CSV file, or --db PATH --series NAME.")
        case (.some, .some): throw ValidationError("Give either a CSV file or --db, not both.")
        case (nil, .some): break
        case (.some, nil):
            if series != nil || from != nil || to != nil { throw ValidationError("--series, --from and --to go with --db.") }
        }
        guard maxGap >= 0 else { throw ValidationError("--max-gap must be 0 or more (got \(maxGap)).") }
    }

    /// Reads and checks the series; every problem is printed and the exit status is 2.
    func load() throws -> LoadSeries {
        do {
            if let file {
                let series = try LoadSeries(csvFile: file, maxGap: maxGap)
                for note in series.notes { Console.error("\(file): \(note)") }
                return series
            }
            return try loadFromStore()
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }

    private func loadFromStore() throws -> LoadSeries {
        let path = db!
        var isDirectory: ObjCBool = false
        guard
            PostgresStoreURL.isPostgres(path)
                || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue)
        else {
            Console.error("\(path): no such database (pass --db with the file the sentinel records to).")
            throw ExitCode(2)
        }
        let store = try StoreLocation(path).open(readOnly: true)
        guard let name = series else {
            try listSeries(path, store: store)
            throw ExitCode.success
        }
        let points =
            try store
            .loadSeries(
                name: name, from: from ?? -Double.greatestFiniteMagnitude, to: to ?? Double.greatestFiniteMagnitude, sensor: sensor)
        guard !points.isEmpty else {
            Console.error(
                "\(path): no points of series '\(name)'\(sensor.map { " from sensor '\($0)'" } ?? "")\(from != nil || to != nil ? " in the time range" : "")."
            )
            throw ExitCode(2)
        }
        return try LoadSeries(
            name: "\(path):\(name)", times: points.map(\.time), values: points.map(\.value),
            lines: Array(1...points.count), maxGap: maxGap)
    }

    /// Prints the series the store holds (for `--db` without `--series`); exit 2 when none.
    private func listSeries(_ path: String, store: any StoreBackend) throws {
        let summaries = try store.loadSeriesSummaries()
        guard !summaries.isEmpty else {
            Console.error("\(path): the store holds no load series yet (sentinel run records them as it runs).")
            throw ExitCode(2)
        }
        var text = "Load series in \(path) (pass one with --series NAME):\n"
        let width = max(6, summaries.map(\.name.count).max() ?? 0)
        text += "SERIES".padding(toLength: width, withPad: " ", startingAt: 0) + "  POINTS  SENSORS  FIRST                LAST\n"
        for s in summaries {
            text +=
                s.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(s.points).padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                + String(s.sensors).padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                + TimestampFormat.dateTime.format(s.first) + "  " + TimestampFormat.dateTime.format(s.last) + "\n"
        }
        if summaries.contains(where: { $0.sensors > 1 }) {
            text += "(a series several sensors write is read as their sum per time; --sensor NAME reads one)\n"
        }
        Console.output(text)
    }
}
