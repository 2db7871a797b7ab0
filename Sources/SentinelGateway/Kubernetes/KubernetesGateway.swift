import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import SentinelCore
#endif

/// Scales Deployments through the `scale` subresource:
///
/// 1. `GET /apis/apps/v1/namespaces/{ns}/deployments/{name}/scale` (the current replicas, for the undo);
/// 2. `PATCH` the same path with `Content-Type: application/merge-patch+json` and
///    `{"spec":{"replicas":N}}`, N clamped to ``KubernetesConfiguration/minReplicas`` …
///    ``KubernetesConfiguration/maxReplicas``;
///
/// both with `Authorization: Bearer <token>` (the token file is re-read each time), over TLS
/// that trusts ``KubernetesConfiguration/caFile`` only when one is given. RBAC:
/// `get` and `patch` on `deployments/scale` in the namespace. 401/403/404 are refusals,
/// 5xx and 429 retryable, an answer that is not a Scale object is garbage. Every other
/// action kind is refused as unsupported.
public struct KubernetesGateway: Gateway {
    /// The API, token and bounds.
    public let configuration: KubernetesConfiguration
    public var name: String { "kubernetes" }
    private let http: HTTPExchange
    /// With a CA file, requests go through TLS that trusts that CA only.
    private let pinned: PinnedTLSExchange?

    /// Creates an adapter.
    public init(configuration: KubernetesConfiguration) {
        self.configuration = configuration
        http = HTTPExchange(timeout: configuration.timeout)
        pinned = configuration.caFile.map { PinnedTLSExchange(caFile: $0, timeout: configuration.timeout) }
    }

    /// The scale subresource's path for a deployment.
    public func scalePath(_ deployment: DeploymentReference) -> String {
        "/apis/apps/v1/namespaces/\(deployment.namespace ?? configuration.namespace)/deployments/\(deployment.name)/scale"
    }

    public func apply(_ action: Action) async -> GatewayOutcome {
        guard case let .scale(deployment, requested) = action.kind else { return unsupported(action) }
        guard deployment.namespace != nil || DeploymentReference.isValidName(configuration.namespace) else {
            return .failed(.misconfigured("namespace '\(configuration.namespace)' is not a valid name"))
        }
        let replicas = min(max(requested, configuration.minReplicas), configuration.maxReplicas)
        let path = scalePath(deployment)
        var base = configuration.apiURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + path) else { return .failed(.misconfigured("API URL \(base)")) }
        let token: String?
        switch readToken() {
        case let .failure(failure): return .failed(failure)
        case let .success(value): token = value
        }

        let previous: Int
        switch await exchange(request(url, method: "GET", token: token)) {
        case let .failure(failure): return .failed(failure)
        case let .success(current): previous = current
        }
        var patch = request(url, method: "PATCH", token: token)
        patch.setValue("application/merge-patch+json", forHTTPHeaderField: "Content-Type")
        patch.httpBody = Data("{\"spec\":{\"replicas\":\(replicas)}}".utf8)
        switch await exchange(patch) {
        case let .failure(failure): return .failed(failure)
        case let .success(now):
            let clamped =
                replicas == requested ? "" : " (asked \(requested), bounds \(configuration.minReplicas)…\(configuration.maxReplicas))"
            return .applied(
                detail: "\(deployment) replicas \(previous) → \(now)\(clamped)",
                undo: .scale(deployment, replicas: previous))
        }
    }

    private func request(_ url: URL, method: String, token: String?) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: configuration.timeout)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        request.setValue("sentinel", forHTTPHeaderField: "User-Agent")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return request
    }

    /// Sends a request and reads `spec.replicas` from the Scale object answered.
    private func exchange(_ request: URLRequest) async -> Result<Int, GatewayFailure> {
        let shown = "\(request.httpMethod ?? "?") \(request.url?.path ?? "")"
        let answer = if let pinned { await pinned.send(request) } else { await http.send(request) }
        switch answer {
        case let .failure(failure): return .failure(failure)
        case let .success(response) where (200..<300).contains(response.status):
            guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                let spec = object["spec"] as? [String: Any]
            else {
                return .failure(.malformedResponse("\(shown): HTTP \(response.status) without a Scale object"))
            }
            // The API omits zero-valued fields: a Scale at 0 replicas has no spec.replicas.
            return .success((spec["replicas"] as? NSNumber)?.intValue ?? 0)
        case let .success(response):
            var failure = HTTPExchange.statusFailure(response.status, body: response.body, url: shown)
            if response.status == 401 || response.status == 403, case let .rejected(reason) = failure {
                failure = .rejected(reason + " (the token needs get and patch on deployments/scale)")
            }
            return .failure(failure)
        }
    }

    private func readToken() -> Result<String?, GatewayFailure> {
        guard let file = configuration.tokenFile else { return .success(nil) }
        guard let data = FileManager.default.contents(atPath: file),
            let text = String(data: data, encoding: .utf8)
        else {
            return .failure(.misconfigured("cannot read the token file \(file)"))
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: { $0.isNewline || $0 == " " }) else {
            return .failure(.misconfigured("the token file \(file) holds no single token"))
        }
        return .success(token)
    }
}
