import Foundation
import SentinelAlerts

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import SentinelCore
#endif

/// POSTs each action's JSON (see ``Action``) to a controller URL, signed like the
/// alerts: Standard Webhooks headers from ``WebhookSigner`` (`webhook-id` = the action id,
/// `webhook-timestamp` = send time, `webhook-signature` = `v1,<HMAC-SHA256>`).
///
/// A 2xx answer means applied; 5xx, 429, timeouts and refused connections are retryable
/// failures; other statuses are refusals. The controller decides how to carry the action
/// out, so any kind is sent; the undo reported is the kind's ``Action/Kind/inverse``.
public struct HTTPControllerGateway: Gateway {
    /// Where to POST.
    public let url: URL
    public var name: String { "http-controller" }
    private let secret: WebhookSecret
    /// The file the secret came from, read again for every action (nil: `secret` always).
    private let secretFile: String?
    private let timeout: Double
    private let clock: @Sendable () -> Double
    private let http: HTTPExchange

    /// Creates an adapter.
    /// - Parameters:
    ///   - url: the controller's absolute http(s) URL.
    ///   - secret: the signing key (from the environment or a file).
    ///   - secretFile: the file `secret` was read from: read again before every action, so a
    ///     rotated key signs from the next action on (as Kubernetes' token file is); an
    ///     unreadable file fails the action as misconfigured, naming the file.
    ///   - timeout: seconds to wait for an answer.
    ///   - clock: the signing time, seconds since 1970 (wall clock by default).
    /// - Throws: ``GatewayFailure/misconfigured(_:)`` for a URL that is not absolute http(s).
    public init(
        url: String, secret: WebhookSecret, secretFile: String? = nil, timeout: Double = 10,
        clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) throws(GatewayFailure) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else {
            throw .misconfigured("controller URL '\(url)' is not an absolute http(s) URL")
        }
        self.url = parsed
        self.secret = secret
        self.secretFile = secretFile
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
        self.clock = clock
        http = HTTPExchange(timeout: self.timeout)
    }

    public func apply(_ action: Action) async -> GatewayOutcome {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let body = try? encoder.encode(action) else { return .failed(.invalidAction("cannot encode \(action)")) }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("sentinel", forHTTPHeaderField: "User-Agent")
        var key = secret
        if let secretFile {
            do {
                key = try WebhookSecret.load(file: secretFile)
            } catch {
                return .failed(.misconfigured("\(error)"))
            }
        }
        let headers = WebhookSigner(secret: key).headers(id: action.id, timestamp: Int(clock().rounded(.down)), body: body)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        switch await http.send(request) {
        case let .failure(failure): return .failed(failure)
        case let .success(response) where (200..<300).contains(response.status):
            return .applied(detail: "controller accepted \(action.kind) (HTTP \(response.status))", undo: action.kind.inverse)
        case let .success(response):
            return .failed(HTTPExchange.statusFailure(response.status, body: response.body, url: url.absoluteString))
        }
    }
}
