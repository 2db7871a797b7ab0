import Foundation
import SentinelCore
import SentinelGateway
import SentinelTestSupport
import Testing

/// No cluster runs here: a loopback HTTP server stands in for the API server and the test
/// checks the exact requests.
@Suite struct KubernetesGatewayTests {
    /// Answers GET with a Scale at `current` replicas and PATCH with the replicas it was sent.
    static func apiServer(current: Int) throws -> HTTPRecorder {
        try HTTPRecorder { request in
            var replicas = current
            if request.method == "PATCH",
                let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                let spec = object["spec"] as? [String: Any], let sent = spec["replicas"] as? Int
            {
                replicas = sent
            }
            return .init(
                body: #"{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"api","namespace":"shop"},"#
                    + #""spec":{"replicas":\#(replicas)},"status":{"replicas":\#(current),"selector":"app=api"}}"#)
        }
    }

    @Test func patchesTheScaleSubresource() async throws {
        let server = try Self.apiServer(current: 2)
        defer { server.stop() }
        try await TemporaryDirectory.with(prefix: "sentinel-k8s") { directory in
            try directory.write("tok-123\n", to: "token")
            let gateway = KubernetesGateway(
                configuration: KubernetesConfiguration(
                    apiURL: URL(string: server.baseURL + "/")!, tokenFile: directory.file("token"), namespace: "shop",
                    minReplicas: 1, maxReplicas: 8, timeout: 5))
            let api = try DeploymentReference(name: "api")

            let outcome = await gateway.apply(try Action(id: "s1", kind: .scale(api, replicas: 5)))
            #expect(outcome == .applied(detail: "api replicas 2 → 5", undo: .scale(api, replicas: 2)))
            let requests = server.requests
            try #require(requests.count == 2)
            let path = "/apis/apps/v1/namespaces/shop/deployments/api/scale"
            #expect(requests[0].method == "GET")
            #expect(requests[0].path == path)
            #expect(requests[0].headers["authorization"] == "Bearer tok-123")
            #expect(requests[1].method == "PATCH")
            #expect(requests[1].path == path)
            #expect(requests[1].headers["content-type"] == "application/merge-patch+json")
            #expect(requests[1].headers["authorization"] == "Bearer tok-123")
            #expect(String(decoding: requests[1].body, as: UTF8.self) == #"{"spec":{"replicas":5}}"#)

            // Bounds: asked 50, max 8; asked 0, min 1. An explicit namespace wins.
            let high = await gateway.apply(
                try Action(
                    id: "s2",
                    kind: .scale(
                        try DeploymentReference(name: "api", namespace: "prod"), replicas: 50)))
            #expect(high.succeeded)
            #expect(server.requests[3].path == "/apis/apps/v1/namespaces/prod/deployments/api/scale")
            #expect(String(decoding: server.requests[3].body, as: UTF8.self) == #"{"spec":{"replicas":8}}"#)
            _ = await gateway.apply(try Action(id: "s3", kind: .scale(api, replicas: 0)))
            #expect(String(decoding: server.requests[5].body, as: UTF8.self) == #"{"spec":{"replicas":1}}"#)

            let block = await gateway.apply(try Action(id: "b", kind: .block(try SourcePrefix("192.0.2.1"))))
            #expect(block.failure == .unsupported(gateway: "kubernetes", action: "block 192.0.2.1"))
        }
    }

    @Test func refusalsGarbageAndMissingTokensAreFailures() async throws {
        try await TemporaryDirectory.with(prefix: "sentinel-k8s") { directory in
            try directory.write("tok\n", to: "token")
            let action = try Action(id: "s", kind: .scale(try DeploymentReference(name: "api"), replicas: 3))
            func gateway(_ url: String, token: String? = directory.file("token"), timeout: Double = 5) -> KubernetesGateway {
                KubernetesGateway(
                    configuration: KubernetesConfiguration(
                        apiURL: URL(string: url)!, tokenFile: token,
                        timeout: timeout))
            }

            let forbidden = try HTTPRecorder { _ in .init(status: 403, body: #"{"kind":"Status","reason":"Forbidden"}"#) }
            defer { forbidden.stop() }
            let refused = await gateway(forbidden.baseURL).apply(action)
            #expect(refused.failure?.isRetryable == false)
            #expect(refused.failure?.description.contains("patch on deployments/scale") == true)

            let garbage = try HTTPRecorder { _ in .init(status: 200, contentType: "text/html", body: "<html>hi</html>") }
            defer { garbage.stop() }
            guard case .malformedResponse? = await gateway(garbage.baseURL).apply(action).failure else {
                Issue.record("garbage was not reported as such")
                return
            }
            #expect(garbage.requests.count == 1)  // no PATCH after a bad GET

            let missing = await gateway(garbage.baseURL, token: directory.file("nope")).apply(action)
            #expect(missing.failure == .misconfigured("cannot read the token file \(directory.file("nope"))"))

            let down = await gateway("http://127.0.0.1:\(Loopback.freePort())").apply(action)
            #expect(down.failure?.isRetryable == true, "\(down)")
        }
    }

    @Test func readsTheInClusterServiceAccount() throws {
        try TemporaryDirectory.with(prefix: "sentinel-sa") { directory in
            try directory.write("t\n", to: "token")
            try directory.write("shop\n", to: "namespace")
            let configuration = try KubernetesConfiguration.inCluster(
                minReplicas: 2, maxReplicas: 6,
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                serviceAccountDirectory: directory.path)
            #expect(configuration.apiURL.absoluteString == "https://10.96.0.1:443")
            #expect(configuration.namespace == "shop")
            #expect(configuration.tokenFile == directory.file("token"))
            #expect(configuration.caFile == directory.file("ca.crt"))
            #expect(throws: GatewayFailure.self) {
                try KubernetesConfiguration.inCluster(environment: [:], serviceAccountDirectory: directory.path)
            }
        }
    }
}
