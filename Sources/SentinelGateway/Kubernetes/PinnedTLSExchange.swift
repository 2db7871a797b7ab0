import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One bounded HTTPS request whose server must present a certificate chained to the CA in
/// `caFile`, and only that CA: the Kubernetes API's own (`ca_file`, or the service account's
/// `ca.crt` in a pod). `URLSession` on Linux checks against the system's trust store only and
/// cannot be given another CA, so a `ca_file` was accepted and ignored (issue 16); this
/// exchange goes through SwiftNIO and its TLS instead, with the host name checked too.
struct PinnedTLSExchange: Sendable {
    /// The PEM file of the CA certificates trusted, and no other.
    let caFile: String
    /// Seconds the whole exchange may take.
    let timeout: Double

    func send(_ request: URLRequest) async -> Result<HTTPExchange.Response, GatewayFailure> {
        let location = request.url?.absoluteString ?? "?"
        guard let url = request.url, url.scheme == "https", let host = url.host else {
            return .failure(.misconfigured("\(location): a ca_file needs an https:// API URL"))
        }
        let context: NIOSSLContext
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            configuration.certificateVerification = .fullVerification
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            return .failure(.misconfigured("ca_file \(caFile): not a PEM CA certificate (\(error))"))
        }
        let port = url.port ?? 443
        let group = MultiThreadedEventLoopGroup.singleton
        let collected = group.next().makePromise(of: HTTPExchange.Response.self)
        let serverName = host.first?.isNumber == true || host.contains(":") ? nil : host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.milliseconds(Int64(timeout * 1000)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls = try NIOSSLClientHandler(context: context, serverHostname: serverName)
                    try channel.pipeline.syncOperations.addHandler(tls)
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: collected))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            collected.fail(error)
            return .failure(.unreachable("\(location): \(error)"))
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
        headers.add(name: "Connection", value: "close")
        for (name, value) in request.allHTTPHeaderFields ?? [:] { headers.add(name: name, value: value) }
        let body = request.httpBody ?? Data()
        headers.add(name: "Content-Length", value: "\(body.count)")
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        let head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.httpMethod ?? "GET"), uri: target, headers: headers)
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if !body.isEmpty { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        let deadline = channel.eventLoop.scheduleTask(in: .milliseconds(Int64(timeout * 1000))) {
            collected.fail(ChannelError.connectTimeout(.milliseconds(Int64(timeout * 1000))))
            channel.close(promise: nil)
        }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        do {
            return .success(try await collected.futureResult.get())
        } catch let error as NIOSSLError {
            return .failure(.unreachable("\(location): TLS: \(error) (is \(caFile) the CA that signed the API's certificate?)"))
        } catch let error as ChannelError {
            if case .connectTimeout = error { return .failure(.timedOut("\(location): no answer in time")) }
            return .failure(.unreachable("\(location): \(error)"))
        } catch {
            return .failure(.unreachable("\(location): \(error)"))
        }
    }
}

/// Collects one HTTP response (status and body, at most 1 MiB) into a promise.
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<HTTPExchange.Response>
    private var status = 0
    private var body = Data()

    init(promise: EventLoopPromise<HTTPExchange.Response>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer):
            if body.count < 1 << 20 { body.append(contentsOf: buffer.readableBytesView) }
        case .end:
            promise.succeed(HTTPExchange.Response(status: status, body: body))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.inputClosed)
        context.fireChannelInactive()
    }
}
