import Foundation

/// Where the Kubernetes API is, how to authenticate, and the replica bounds.
///
/// In a pod, ``inCluster(minReplicas:maxReplicas:environment:serviceAccountDirectory:)``
/// reads the service account (`/var/run/secrets/kubernetes.io/serviceaccount/{token,ca.crt,namespace}`)
/// and `KUBERNETES_SERVICE_HOST`/`_PORT`. Outside, give the API URL and a token file (for
/// example one written by `kubectl create token sentinel`), or point at `kubectl proxy`
/// (`http://127.0.0.1:8001`, no token).
public struct KubernetesConfiguration: Sendable, Equatable {
    /// The default service-account directory.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The API server's base URL (`https://10.96.0.1:443`).
    public var apiURL: URL
    /// A file holding the bearer token, re-read for every request (projected tokens rotate);
    /// `nil` sends no `Authorization` header.
    public var tokenFile: String?
    /// The CA bundle (PEM) that signs the API server's certificate: when set, it is the only
    /// trust root of the requests' TLS (``PinnedTLSExchange``); when nil, the system's are.
    public var caFile: String?
    /// The namespace of deployments that name none.
    public var namespace: String
    /// The fewest replicas the adapter will set.
    public var minReplicas: Int
    /// The most replicas the adapter will set.
    public var maxReplicas: Int
    /// Seconds allowed for each request.
    public var timeout: Double

    /// Creates a configuration (replica bounds are ordered and kept non-negative).
    public init(
        apiURL: URL, tokenFile: String?, caFile: String? = nil, namespace: String = "default",
        minReplicas: Int = 1, maxReplicas: Int = 10, timeout: Double = 10
    ) {
        self.apiURL = apiURL
        self.tokenFile = tokenFile
        self.caFile = caFile
        self.namespace = namespace
        self.minReplicas = max(0, min(minReplicas, maxReplicas))
        self.maxReplicas = max(0, max(minReplicas, maxReplicas))
        self.timeout = timeout.isFinite && timeout > 0 ? timeout : 10
    }

    /// The configuration of a pod's own service account.
    /// - Throws: ``GatewayFailure/misconfigured(_:)`` outside a pod (no service host variable
    ///   or no token file).
    public static func inCluster(
        minReplicas: Int = 1, maxReplicas: Int = 10,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = serviceAccountDirectory
    ) throws(GatewayFailure)
        -> KubernetesConfiguration
    {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw .misconfigured("KUBERNETES_SERVICE_HOST is not set: not running in a pod; give the API URL and a token file")
        }
        let port = environment["KUBERNETES_SERVICE_PORT"] ?? "443"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        guard let url = URL(string: "https://\(shownHost):\(port)") else {
            throw .misconfigured("cannot build the API URL from KUBERNETES_SERVICE_HOST=\(host)")
        }
        let token = "\(serviceAccountDirectory)/token"
        guard FileManager.default.fileExists(atPath: token) else {
            throw .misconfigured("\(token) is missing: is a service account token mounted?")
        }
        let namespaceFile = "\(serviceAccountDirectory)/namespace"
        let namespace = (try? String(contentsOfFile: namespaceFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return KubernetesConfiguration(
            apiURL: url, tokenFile: token, caFile: "\(serviceAccountDirectory)/ca.crt",
            namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
            minReplicas: minReplicas, maxReplicas: maxReplicas)
    }
}
