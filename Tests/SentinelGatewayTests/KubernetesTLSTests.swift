import Foundation
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `ca_file` is the trust root of the Kubernetes gateway's TLS (issue 16: it was accepted and
/// ignored). The API stand-in sits behind `socat`'s TLS with a certificate for 127.0.0.1 from a
/// CA made here with `openssl`: with that CA the scale goes through; with another CA, or with
/// none (the system's trust store does not know this CA), nothing is applied.
@Suite(
    "Kubernetes gateway: ca_file pins the API's CA",
    .enabled(if: TLSTools.available, "needs openssl and socat (.ci/run installs socat)"))
struct KubernetesTLSTests {
    /// Runs `arguments` and fails the test when it does not exit 0.
    static func run(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<1500 where process.isRunning { usleep(20_000) }
        try #require(process.terminationStatus == 0, "\(arguments.joined(separator: " ")) failed")
    }

    /// A CA (`ca.pem`), a server certificate for 127.0.0.1 it signed (`server.pem`, `server.key`)
    /// and an unrelated CA (`other.pem`).
    static func certificates(in directory: String) throws {
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try run(
            ["/usr/bin/openssl", "req", "-x509"] + key + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=test-ca"],
            in: directory)
        try run(
            ["/usr/bin/openssl", "req", "-x509"] + key + [
                "-keyout", "other.key", "-out", "other.pem", "-days", "2", "-subj", "/CN=other-ca",
            ], in: directory)
        try run(
            ["/usr/bin/openssl", "req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"], in: directory)
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: directory + "/san.ext", atomically: true, encoding: .utf8)
        try run(
            [
                "/usr/bin/openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "server.pem", "-days", "2", "-extfile", "san.ext",
            ], in: directory)
    }

    @Test("the scale goes through with the CA that signed the API's certificate, and only with it")
    func pinnedCA() async throws {
        try await TemporaryDirectory.with(prefix: "sentinel-k8s-tls") { directory in
            try Self.certificates(in: directory.path)
            let api = try KubernetesGatewayTests.apiServer(current: 2)
            defer { api.stop() }
            let port = try LoopbackPort.free()
            let tls = Process()
            tls.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
            tls.arguments = [
                "OPENSSL-LISTEN:\(port),reuseaddr,fork,bind=127.0.0.1,cert=\(directory.file("server.pem")),key=\(directory.file("server.key")),verify=0",
                "TCP:127.0.0.1:\(api.port)",
            ]
            tls.standardError = FileHandle.nullDevice
            try tls.run()
            defer {
                // Not waitUntilExit: in an async test it can wait for ever on Linux.
                kill(tls.processIdentifier, SIGKILL)
                for _ in 0..<50 where tls.isRunning { usleep(100_000) }
            }
            // Ready when it accepts a connection (a loaded machine may take a while to start it).
            for _ in 0..<100 {
                let probe = LoopbackSocket.stream()
                let connected = LoopbackSocket.connect(probe, port: port)
                close(probe)
                if connected == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            func gateway(caFile: String?) -> KubernetesGateway {
                KubernetesGateway(
                    configuration: KubernetesConfiguration(
                        apiURL: URL(string: "https://127.0.0.1:\(port)")!, tokenFile: nil, caFile: caFile, namespace: "shop",
                        minReplicas: 1, maxReplicas: 8, timeout: 5))
            }
            let deployment = try DeploymentReference(name: "api")
            let action = try Action(id: "tls", kind: .scale(deployment, replicas: 4))

            // The stand-in (socat forking per connection, a recorder with a 2 s read timeout) can drop
            // a connection on a loaded machine: a transient failure is tried again, twice at most.
            var pinned = await gateway(caFile: directory.file("ca.pem")).apply(action)
            for _ in 0..<2 where !pinned.succeeded {
                try await Task.sleep(for: .seconds(1))
                pinned = await gateway(caFile: directory.file("ca.pem")).apply(action)
            }
            #expect(pinned == .applied(detail: "api replicas 2 → 4", undo: .scale(deployment, replicas: 2)), "\(pinned)")
            #expect(api.requests.map(\.method).suffix(2) == ["GET", "PATCH"])
            let reached = api.requests.count

            let other = await gateway(caFile: directory.file("other.pem")).apply(action)
            #expect(!other.succeeded, "\(other)")
            let system = await gateway(caFile: nil).apply(action)
            #expect(!system.succeeded, "\(system)")
            #expect(api.requests.count == reached, "a request reached the API through an unverified connection")

            let garbage = try directory.write("not a certificate\n", to: "garbage.pem")
            guard case .misconfigured? = await gateway(caFile: garbage).apply(action).failure else {
                Issue.record("a ca_file that is not PEM must be a configuration error")
                return
            }
        }
    }
}

/// Whether the tools that make the TLS stand-in are installed.
enum TLSTools {
    static let available = ["/usr/bin/openssl", "/usr/bin/socat"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
}
