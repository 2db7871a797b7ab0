import Foundation
import SentinelTestSupport
import Testing

@Suite("Deployment files")
struct DeploymentTests {
    static let unit = SharedData.packageRoot + "/deploy/sentinel.service"

    @Test("the systemd unit runs the sentinel unprivileged with only the capture capabilities")
    func unitContents() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        #expect(text.contains("User=sentinel"))
        #expect(text.contains("AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN"))
        #expect(text.contains("CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN"))
        #expect(text.contains("NoNewPrivileges=yes"))
        #expect(text.contains("ExecStart=/usr/bin/sentinel run --config /etc/sentinel/sentinel.yaml"))
        #expect(!text.lowercased().contains("whsec_"), "no secret in the unit")
    }

    @Test(
        "systemd-analyze verify accepts the unit",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"),
            "needs systemd-analyze"))
    func verify() throws {
        try TemporaryDirectory.with { dir in
            let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
                .replacingOccurrences(of: "/usr/bin/sentinel", with: SentinelProcess.executable)
            let copy = try dir.write(text, to: "sentinel.service")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
            process.arguments = ["verify", copy]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = err
            try process.run()
            let reader = PipeReader(err)
            process.waitUntilExit()
            let output = reader.text
            #expect(process.terminationStatus == 0, "\(output)")
            #expect(!output.contains("sentinel.service:"), "\(output)")
        }
    }
}
