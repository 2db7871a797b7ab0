import Foundation
import SentinelTestSupport

/// What a `sentinel run` on an access log needs around it: a fresh folder with an empty
/// `access.log`, the store and configuration paths, a webhook receiver, a free port for the
/// HTTP endpoint, and the webhook secret in `SENTINEL_RUN_LOG_SECRET`. Removed on release.
class LogRunFolder {
    let dir = TemporaryDirectory()
    let log: String
    let store: String
    let configPath: String
    let receiver: WebhookReceiver
    let httpPort: UInt16

    init(receiver: WebhookReceiver) throws {
        log = dir.emptyFile("access.log")
        store = dir.file("sentinel.db")
        configPath = dir.file("sentinel.yaml")
        self.receiver = receiver
        httpPort = try LoopbackPort.free()
        setenv("SENTINEL_RUN_LOG_SECRET", RunLogTests.secret, 1)
    }

    deinit {
        receiver.stop()
        dir.remove()
    }
}
