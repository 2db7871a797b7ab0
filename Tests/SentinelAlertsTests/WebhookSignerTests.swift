import Foundation
import SentinelAlerts
import SentinelTestSupport
import Testing

@Suite("Webhook signing and secrets")
struct WebhookSignerTests {
    /// The Standard Webhooks reference vector (standard-webhooks spec and libraries' tests);
    /// recomputed independently with
    /// `python3 -c 'import hmac,hashlib,base64;k=base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    /// print(base64.b64encode(hmac.new(k,b"msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}",
    /// hashlib.sha256).digest()).decode())'`.
    @Test("known answer: Standard Webhooks vector with a whsec_ secret")
    func knownAnswer() throws {
        let signer = WebhookSigner(secret: try WebhookSecret(text: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let body = Data(#"{"test": 2432232314}"#.utf8)
        #expect(
            signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
                == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    /// Raw secrets are their UTF-8 bytes; vector from
    /// `python3 -c 'import hmac,hashlib,base64;print(base64.b64encode(hmac.new(b"s3cret",b"evt-1:opened.1700000000.{}",hashlib.sha256).digest()).decode())'`.
    @Test("known answer: raw secret")
    func rawSecret() throws {
        let signer = WebhookSigner(secret: try WebhookSecret(text: "s3cret\n"))
        #expect(
            signer.signature(id: "evt-1:opened", timestamp: 1_700_000_000, body: Data("{}".utf8))
                == "v1,Sx8kXDzQKmBCTc+zed2msu0f5Sln2XEpdUYAHBgChSI=")
    }

    @Test("verify accepts the signature and rejects tampering, wrong keys and stale timestamps")
    func verify() throws {
        let signer = WebhookSigner(secret: try WebhookSecret(text: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let body = Data(#"{"a":1}"#.utf8)
        let headers = signer.headers(id: "e1", timestamp: 1000, body: body)
        let signature = try #require(headers["webhook-signature"])
        #expect(headers["webhook-id"] == "e1" && headers["webhook-timestamp"] == "1000")
        #expect(signer.verify(id: "e1", timestamp: "1000", body: body, signatureHeader: signature, now: 1010))
        #expect(signer.verify(id: "e1", timestamp: "1000", body: body, signatureHeader: "v1,AAAA " + signature))
        #expect(!signer.verify(id: "e1", timestamp: "1000", body: Data(#"{"a":2}"#.utf8), signatureHeader: signature))
        #expect(!signer.verify(id: "e2", timestamp: "1000", body: body, signatureHeader: signature))
        #expect(!signer.verify(id: "e1", timestamp: "1001", body: body, signatureHeader: signature))
        #expect(!signer.verify(id: "e1", timestamp: "1000", body: body, signatureHeader: signature, now: 2000))
        #expect(
            !signer.verify(
                id: "e1", timestamp: "1000", body: body,
                signatureHeader: signature.replacingOccurrences(of: "v1,", with: "v2,")))
        let other = WebhookSigner(secret: try WebhookSecret(text: "another"))
        #expect(!other.verify(id: "e1", timestamp: "1000", body: body, signatureHeader: signature))
    }

    @Test("secrets load from the environment and files, with clear errors")
    func loading() throws {
        #expect(throws: AlertsError.secretVariableMissing("SENTINEL_HOOK")) {
            try WebhookSecret.load(environmentVariable: "SENTINEL_HOOK", environment: [:])
        }
        #expect(throws: AlertsError.secretEmpty(source: "environment variable SENTINEL_HOOK")) {
            try WebhookSecret.load(environmentVariable: "SENTINEL_HOOK", environment: ["SENTINEL_HOOK": "  \n"])
        }
        #expect(throws: AlertsError.secretMalformed(source: "the secret")) { try WebhookSecret(text: "whsec_%%%") }
        let fromEnv = try WebhookSecret.load(environmentVariable: "K", environment: ["K": "abc"])
        #expect(fromEnv == (try WebhookSecret(text: "abc")))
        try TemporaryDirectory.with { directory in
            let path = try directory.secret("secret", "abc\n")
            #expect(try WebhookSecret.load(file: path) == fromEnv)
            #expect(throws: AlertsError.secretFileUnreadable(path: directory.file("none"), reason: "no such file")) {
                try WebhookSecret.load(file: directory.file("none"))
            }
            try directory.secret("empty", "")
            #expect(throws: AlertsError.secretEmpty(source: "file \(directory.file("empty"))")) {
                try WebhookSecret.load(file: directory.file("empty"))
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            #expect(throws: AlertsError.self) { try WebhookSecret.load(file: path) }
            #expect(AlertsError.secretVariableMissing("X").description.contains("X is not set"))
        }
    }

    @Test("a secret never prints")
    func redaction() throws {
        let secret = try WebhookSecret(text: "hunter2-very-secret")
        var dumped = ""
        dump(secret, to: &dumped)
        let target = try WebhookTarget(name: "soc", url: "http://127.0.0.1:1/h", secret: secret)
        var dumpedTarget = ""
        dump(target, to: &dumpedTarget)
        for text in ["\(secret)", String(reflecting: secret), dumped, "\(target)", String(reflecting: target), dumpedTarget] {
            #expect(!text.contains("hunter2"), "leaked in: \(text)")
        }
        #expect("\(secret)" == "WebhookSecret(redacted)")
    }

    @Test("webhook URLs must be absolute http(s)")
    func targetURL() throws {
        let secret = try WebhookSecret(text: "k")
        #expect(throws: AlertsError.invalidWebhookURL(name: "x", url: "ftp://a/b")) {
            try WebhookTarget(name: "x", url: "ftp://a/b", secret: secret)
        }
        #expect(throws: AlertsError.invalidWebhookURL(name: "x", url: "/relative")) {
            try WebhookTarget(name: "x", url: "/relative", secret: secret)
        }
    }
}
