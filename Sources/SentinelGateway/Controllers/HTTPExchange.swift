import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One bounded HTTP request through `URLSession`, with failures mapped to ``GatewayFailure``.
struct HTTPExchange: Sendable {
    /// A response: status and body.
    struct Response: Sendable {
        var status: Int
        var body: Data
    }

    let session: URLSession

    /// A session with no cookies, cache or retries of its own.
    init(timeout: Double) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout + 1
        session = URLSession(configuration: configuration)
    }

    func send(_ request: URLRequest) async -> Result<Response, GatewayFailure> {
        let location = request.url?.absoluteString ?? "?"
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(returning: .failure(Self.failure(error, url: location)))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: .success(Response(status: http.statusCode, body: data ?? Data())))
                } else {
                    continuation.resume(returning: .failure(.malformedResponse("\(location): not an HTTP response")))
                }
            }
            task.resume()
        }
    }

    /// A non-2xx status as a failure: 5xx and 429 may pass, other 4xx will not.
    static func statusFailure(_ status: Int, body: Data, url: String) -> GatewayFailure {
        let text = String(decoding: body.prefix(200), as: UTF8.self).lastLines(2)
        let reason = "\(url): HTTP \(status)" + (text.isEmpty ? "" : ": \(text)")
        return status >= 500 || status == 429 ? .unavailable(reason) : .rejected(reason)
    }

    private static func failure(_ error: any Error, url: String) -> GatewayFailure {
        guard let error = error as? URLError else { return .unreachable("\(url): \(error)") }
        switch error.code {
        case .timedOut: return .timedOut("\(url): no answer in time")
        case .cannotConnectToHost: return .unreachable("\(url): connection refused")
        case .networkConnectionLost: return .unreachable("\(url): connection lost")
        case .cannotFindHost: return .unreachable("\(url): unknown host")
        case .badServerResponse, .cannotParseResponse: return .malformedResponse("\(url): not an HTTP answer")
        default: return .unreachable("\(url): \(error.localizedDescription)")
        }
    }
}
