import Foundation
import SentinelTestSupport
import Testing

/// Paths that resolve the same from any working directory (issue 14 item 2), through the
/// built binary: the default configuration, relative paths against the file's folder, the
/// environment beating the file, every path printed once at start.
@Suite("Configuration paths through sentinel run and rules check", .serialized)
struct ConfigurationPathCLITests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// A folder `etc/` holding a configuration with relative model, store and log paths,
    /// the models copied beside it; the log exists.
    struct Layout {
        let dir = TemporaryDirectory()
        var etc: String { dir.file("etc") }
        var config: String { dir.file("etc/sentinel.yaml") }

        init(httpPort: UInt16) throws {
            let manager = FileManager.default
            for folder in ["etc/models", "etc/state", "etc/logs", "elsewhere"] {
                try manager.createDirectory(atPath: dir.file(folder), withIntermediateDirectories: true)
            }
            for model in ["default.json", "logs.json"] {
                try manager.copyItem(atPath: SharedData.packageRoot + "/models/" + model, toPath: dir.file("etc/models/" + model))
            }
            try dir.write("", to: "etc/logs/access.log")
            try """
            sentinel:
              model: models/default.json
              log_model: models/logs.json
              store: state/sentinel.db
            http:
              listen: "127.0.0.1:\(httpPort)"
            logs:
              - { path: logs/access.log, format: combined }
            alerts:
              webhooks:
                - { name: soc, url: "http://127.0.0.1:9/x", secret_env: PATHS_TEST_SECRET }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        }
    }

    @Test("run from another folder reads the file's relative paths against the file's folder and prints each once")
    func runFromAnotherFolder() throws {
        let layout = try Layout(httpPort: try RunLogTests.freePort())
        defer { layout.dir.remove() }
        let run = try SentinelProcess.run(
            ["run", "--config", layout.config, "--duration", "2"], timeout: 60, directory: layout.dir.file("elsewhere"),
            environment: ["PATHS_TEST_SECRET": Self.secret], unset: ["SENTINEL_MODEL", "SENTINEL_LOG_MODEL", "SENTINEL_CONFIG"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: layout.dir.file("etc/state/sentinel.db")), "the store is beside the file")
        #expect(!FileManager.default.fileExists(atPath: layout.dir.file("elsewhere/state")), "nothing under the working directory")
        for (role, path) in [
            ("configuration", layout.config), ("model", layout.etc + "/models/default.json"),
            ("log model", layout.etc + "/models/logs.json"), ("store", layout.etc + "/state/sentinel.db"),
            ("log", layout.etc + "/logs/access.log"),
        ] {
            // One log line per path: `… info path from=sentinel.model path=/etc/… role=model`.
            let shown = role.contains(" ") ? "\"\(role)\"" : role
            let lines = run.stderr.split(separator: "\n").filter {
                $0.contains(" info path ") && $0.contains(" path=\(path)") && $0.hasSuffix(" role=\(shown)")
            }
            #expect(lines.count == 1, "\(role) \(path) printed once: \(run.stderr)")
        }
        #expect(run.stderr.components(separatedBy: " role=configuration\n").count == 2, "the paths are printed once")
    }

    @Test("run starts with a log that is not there, warning once that it waits for it; an optional one gets no warning")
    func runWarnsAboutMissingLog() throws {
        let layout = try Layout(httpPort: try RunLogTests.freePort())
        defer { layout.dir.remove() }
        let text = try String(contentsOfFile: layout.config, encoding: .utf8)
            .replacingOccurrences(
                of: "  - { path: logs/access.log, format: combined }",
                with: "  - { path: logs/acess.log, format: combined }\n  - { path: logs/later.log, optional: true }")
        try text.write(toFile: layout.config, atomically: true, encoding: .utf8)
        let run = try SentinelProcess.run(
            ["run", "--config", layout.config, "--duration", "1"], timeout: 60, environment: ["PATHS_TEST_SECRET": Self.secret])
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains(" warning ") }
        #expect(warnings.count == 1, "\(run.stderr)")
        #expect(
            warnings.first?.hasSuffix(
                " warning log missing: waiting for it log=\(layout.etc)/logs/acess.log "
                    + "reason=\"no such file (check the spelling, or add optional: true if it appears later)\"") == true,
            "\(run.stderr)")
    }

    @Test("$SENTINEL_MODEL beats the file's model: run stops naming the variable's file")
    func environmentBeatsFile() throws {
        let layout = try Layout(httpPort: try RunLogTests.freePort())
        defer { layout.dir.remove() }
        let missing = layout.dir.file("elsewhere/none.json")
        let run = try SentinelProcess.run(
            ["run", "--config", layout.config, "--duration", "1"], timeout: 60,
            environment: ["PATHS_TEST_SECRET": Self.secret, "SENTINEL_MODEL": missing])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(missing), "\(run.stderr)")
        #expect(run.stderr.contains("(the path is from $SENTINEL_MODEL;"), "the failure says where the path came from: \(run.stderr)")
        // The issue's case: the config copied elsewhere, $SENTINEL_MODEL set, its relative
        // log_model no longer there: the failure names the key and the file to fix.
        try FileManager.default.removeItem(atPath: layout.etc + "/models/logs.json")
        let copied = try SentinelProcess.run(
            ["run", "--config", layout.config, "--duration", "1"], timeout: 60,
            environment: ["PATHS_TEST_SECRET": Self.secret, "SENTINEL_MODEL": SharedData.packageRoot + "/models/default.json"],
            unset: ["SENTINEL_LOG_MODEL"])
        #expect(copied.status == 2, "\(copied.stderr)")
        #expect(
            copied.stderr.contains("\(layout.etc)/models/logs.json: cannot read the model")
                && copied.stderr.contains("(the path is from sentinel.log_model in \(layout.config);"), "\(copied.stderr)")
        try FileManager.default.copyItem(atPath: SharedData.packageRoot + "/models/logs.json", toPath: layout.etc + "/models/logs.json")
        let check = try SentinelProcess.run(
            ["rules", "check", layout.config],
            environment: ["PATHS_TEST_SECRET": Self.secret, "SENTINEL_MODEL": SharedData.packageRoot + "/models/default.json"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("model          \(SharedData.packageRoot)/models/default.json  ($SENTINEL_MODEL)"), "\(check.stdout)")
    }

    @Test("without a file: $SENTINEL_CONFIG, else ./rules/sentinel.yaml (when /etc/sentinel/sentinel.yaml is absent)")
    func defaultConfiguration() throws {
        let layout = try Layout(httpPort: try RunLogTests.freePort())
        defer { layout.dir.remove() }
        let environment = ["PATHS_TEST_SECRET": Self.secret]
        let named = try SentinelProcess.run(
            ["rules", "check"], directory: layout.dir.file("elsewhere"),
            environment: environment.merging(["SENTINEL_CONFIG": layout.config]) { $1 })
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.hasPrefix("\(layout.config): OK"), "\(named.stdout)")
        #expect(named.stdout.contains("($SENTINEL_CONFIG)"))
        guard !FileManager.default.fileExists(atPath: "/etc/sentinel/sentinel.yaml") else { return }
        try FileManager.default.createDirectory(atPath: layout.dir.file("checkout/rules"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: layout.config, toPath: layout.dir.file("checkout/rules/sentinel.yaml"))
        try FileManager.default.copyItem(atPath: layout.etc + "/models", toPath: layout.dir.file("checkout/rules/models"))
        try FileManager.default.copyItem(atPath: layout.etc + "/logs", toPath: layout.dir.file("checkout/rules/logs"))
        try FileManager.default.copyItem(atPath: layout.etc + "/state", toPath: layout.dir.file("checkout/rules/state"))
        let checkout = try SentinelProcess.run(
            ["rules", "check"], directory: layout.dir.file("checkout"), environment: environment, unset: ["SENTINEL_CONFIG"])
        #expect(checkout.status == 0, "\(checkout.stderr)")
        #expect(checkout.stdout.hasPrefix("rules/sentinel.yaml: OK"), "\(checkout.stdout)")
        #expect(checkout.stdout.contains("\(layout.dir.file("checkout/rules/state/sentinel.db"))"), "\(checkout.stdout)")
        let nowhere = try SentinelProcess.run(["rules", "check"], directory: layout.dir.file("elsewhere"), unset: ["SENTINEL_CONFIG"])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("/etc/sentinel/sentinel.yaml: no such file, nor rules/sentinel.yaml"), "\(nowhere.stderr)")
    }
}
