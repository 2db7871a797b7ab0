import Foundation
import SentinelAlerts
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

@Suite struct HTTPControllerGatewayTests {
    @Test func postsSignedActionJSON() async throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let secret = try WebhookSecret(text: "whsec_" + Data("controller-key".utf8).base64EncodedString())
        let gateway = try HTTPControllerGateway(url: receiver.url, secret: secret, timeout: 5, clock: { 1_700_000_000 })
        let action = try Action(
            id: "act-9", kind: .rateLimit(try SourcePrefix("198.51.100.0/24"), requestsPerSecond: 10),
            timeToLive: 300)
        let outcome = await gateway.apply(action)
        #expect(outcome.succeeded, "\(outcome)")
        let request = try #require(receiver.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["webhook-id"] == "act-9")
        #expect(request.headers["webhook-timestamp"] == "1700000000")
        let verified = WebhookSigner(secret: secret).verify(headers: request.headers, body: request.body, now: 1_700_000_010)
        #expect(verified)
        #expect(try JSONDecoder().decode(Action.self, from: request.body) == action)
        let wrong = try WebhookSecret(text: "another-key")
        #expect(
            !WebhookSigner(secret: wrong).verify(
                id: "act-9", timestamp: "1700000000", body: request.body,
                signatureHeader: request.headers["webhook-signature"] ?? ""))
    }

    @Test("a secret_file is read again for every action: a rotated key signs the next one; an unreadable file fails it")
    func rotatedSecretFile() async throws {
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        try await TemporaryDirectory.with { dir in
            let file = dir.file("controller.secret")
            func write(_ text: String) {
                FileManager.default.createFile(atPath: file, contents: Data((text + "\n").utf8), attributes: [.posixPermissions: 0o600])
                chmod(file, 0o600)
            }
            write("first-controller-key")
            let gateway = try HTTPControllerGateway(
                url: receiver.url, secret: try WebhookSecret.load(file: file), secretFile: file, timeout: 5)
            let action = try Action(id: "act-1", kind: .block(try SourcePrefix("192.0.2.1")))
            #expect(await gateway.apply(action).succeeded)
            write("second-controller-key")
            #expect(await gateway.apply(action).succeeded)
            func signed(_ index: Int, with key: String) throws -> Bool {
                let request = receiver.requests[index]
                return WebhookSigner(secret: try WebhookSecret(text: key)).verify(headers: request.headers, body: request.body)
            }
            #expect(receiver.requests.count == 2)
            #expect(try signed(0, with: "first-controller-key") && signed(1, with: "second-controller-key"))
            #expect(try !signed(1, with: "first-controller-key"))
            unlink(file)
            let failed = await gateway.apply(action)
            #expect(failed.failure?.isRetryable == false && "\(failed)".contains(file), "\(failed)")
        }
    }

    @Test func downSlowAndFailingControllersAreFailures() async throws {
        let secret = try WebhookSecret(text: "k")
        let action = try Action(id: "a", kind: .block(try SourcePrefix("192.0.2.1")))

        let down = try HTTPControllerGateway(url: "http://127.0.0.1:\(Loopback.freePort())/", secret: secret, timeout: 2)
        #expect(await down.apply(action).failure?.isRetryable == true)

        let slow = try WebhookReceiver(responseDelay: 4)
        defer { slow.stop() }
        let slowOutcome = await (try HTTPControllerGateway(url: slow.url, secret: secret, timeout: 1)).apply(action)
        guard case .timedOut? = slowOutcome.failure else {
            Issue.record("expected a timeout, got \(slowOutcome)")
            return
        }

        let failing = try WebhookReceiver(defaultStatus: 503)
        defer { failing.stop() }
        let failed = await (try HTTPControllerGateway(url: failing.url, secret: secret, timeout: 2)).apply(action)
        #expect(failed.failure?.isRetryable == true)
        let refusing = try WebhookReceiver(defaultStatus: 400)
        defer { refusing.stop() }
        let refused = await (try HTTPControllerGateway(url: refusing.url, secret: secret, timeout: 2)).apply(action)
        #expect(refused.failure?.isRetryable == false)

        let garbage = try ScriptedSocketServer(reply: Array("SSH-2.0-OpenSSH\r\n".utf8))
        defer { garbage.stop() }
        let nonsense = await
            (try HTTPControllerGateway(
                url: "http://127.0.0.1:\(garbage.port)/", secret: secret,
                timeout: 2)).apply(action)
        #expect(nonsense.failure != nil, "\(nonsense)")

        #expect(throws: GatewayFailure.self) { try HTTPControllerGateway(url: "ftp://x/", secret: secret) }
    }
}
