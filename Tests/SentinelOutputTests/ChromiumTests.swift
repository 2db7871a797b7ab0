import Foundation
import SentinelOutput
import SentinelTestSupport
import Testing

/// Opens the report in headless Chromium (Debian's `chromium`, installed by `.ci/run`).
@Suite("AnalysisReport in headless Chromium")
struct ChromiumTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs Chromium headless on `arguments`; returns its standard output and error.
    static func run(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--enable-logging=stderr", "--v=0",
            ] + arguments
        return try TemporaryDirectory.with { home in
            process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let outData = PipeReader(out), errData = PipeReader(err)
            let deadline = Date().addingTimeInterval(90)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            return (outData.text, errData.text)
        }
    }

    @Test(
        "the page loads without console errors, the DOM holds the charts, and a screenshot is taken",
        .enabled(if: chromium != nil, "chromium is not installed"))
    func loads() throws {
        try TemporaryDirectory.with { dir in
            let page = dir.file("report.html")
            try ReportFile.write(AnalysisReport.html(ReportFixture.input), to: page)
            let dom = try Self.run(["--dump-dom", "file://" + page])
            #expect(dom.stdout.components(separatedBy: "<svg ").count - 1 == 12, "\(dom.stderr.suffix(2000))")
            for id in ["timeline-packets", "probabilities", "logs-requests", "top-talkers"] {
                #expect(dom.stdout.contains("id=\"\(id)\""))
            }
            let console = dom.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
            #expect(console.isEmpty, "\(console)")
            let png = dir.file("report.png")
            let shot = try Self.run(["--screenshot=" + png, "--window-size=1400,2400", "file://" + page])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.count > 10_000, "\(shot.stderr.suffix(2000))")
            #expect(bytes.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        }
    }
}
