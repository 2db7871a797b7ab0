import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Bounds on what one HTTP request may cost the sentinel, per connection, behind the HTTP/1
/// decoder: the request head must be complete within ``StatusServer/headerTimeoutSeconds`` of
/// the connection opening or of the previous response (a client sending a header byte every few
/// seconds no longer holds a connection for ever), and a request body may not pass
/// ``StatusServer/maximumBodyBytes`` (no route reads one: a declared larger body is answered
/// 413 and the connection closed; a longer chunked one closes the connection).
final class RequestLimitHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let maximumBody: Int
    private var timer: Scheduled<Void>?
    private var bodyBytes = 0
    private var refused = false

    init(headerTimeout: TimeAmount, maximumBody: Int) {
        self.headerTimeout = headerTimeout
        self.maximumBody = maximumBody
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelActive(context: ChannelHandlerContext) {
        arm(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            disarm()
            bodyBytes = 0
            if let declared = head.headerFields[.contentLength].flatMap({ Int($0) }), declared > maximumBody {
                refuse(context)
                return
            }
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > maximumBody {
                // The head is already with the router: no second response, just the close.
                refused = true
                context.close(promise: nil)
                return
            }
        case .end:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // The response is out: the next request's head has the same time to arrive.
        if case .end = unwrapOutboundIn(data) { arm(context) }
        context.write(data, promise: promise)
    }

    /// Answers 413 to a request whose declared body is too large, then closes.
    private func refuse(_ context: ChannelHandlerContext) {
        refused = true
        var fields = HTTPFields()
        fields[.connection] = "close"
        fields[.contentLength] = "0"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .contentTooLarge, headerFields: fields))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    private func arm(_ context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: headerTimeout) { channel.close(promise: nil) }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}

/// Requests without the endpoint's bearer token get 401 (``EndpointAccess``); `/healthz`
/// answers anyone, for probes.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The access in force now (a reload may re-read the token).
    let access: @Sendable () -> EndpointAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" || access().allows(authorization: request.headers[.authorization]) {
            return try await next(request, context)
        }
        return Response(status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"sentinel\""])
    }
}
