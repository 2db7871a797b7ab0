import Foundation
import SentinelRuntime
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The HTTP endpoint's own limits, on a real socket (issue 16, item 6): a request head that
/// dribbles in is cut off, a body past the limit is refused, oversized headers are refused,
/// and off loopback nothing but `/healthz` answers without the bearer token.
@Suite("HTTP endpoint: timeouts, body limits and the bearer token", .serialized)
struct EndpointLimitsTests {
    /// A raw TCP client: what an attacker would send, byte by byte.
    final class RawClient {
        let fd: Int32

        init(port: UInt16) throws {
            fd = LoopbackSocket.stream()
            let connected = LoopbackSocket.connect(fd, port: port)
            try #require(connected == 0, "cannot connect to 127.0.0.1:\(port)")
        }

        deinit { close(fd) }

        /// Sends `text`; false when the server has closed the connection.
        @discardableResult
        func send(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }

        /// What the server sends within `seconds`, and whether it closed the connection.
        func read(seconds: Double) -> (text: String, closed: Bool) {
            var received: [UInt8] = []
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while Date() < deadline {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { return (String(decoding: received, as: UTF8.self), true) }
                received += buffer[0..<count]
            }
            return (String(decoding: received, as: UTF8.self), false)
        }
    }

    /// Runs `body` against a server on a free loopback port.
    static func withServer(access: EndpointAccess = .open, _ body: (UInt16) throws -> Void) throws {
        let port = try LoopbackPort.free()
        let server = StatusServer(listen: "127.0.0.1:\(port)", status: RuntimeStatus(), access: access)
        // A loaded machine can take more than the default 10 s to bring NIO up.
        try server.start(timeout: 60)
        defer { server.stop() }
        try body(port)
    }

    @Test("a request head sent a line a second is cut off after 5 s (a slowloris held it for ever)")
    func slowHead() throws {
        try Self.withServer { port in
            let client = try RawClient(port: port)
            let started = Date()
            client.send("GET /metrics HTTP/1.1\r\nHost: sentinel\r\n")
            var cutOff: Double?
            for line in 0..<15 {
                // Each line resets the idle timer: only the header timeout can end this.
                if !client.send("X-Slow-\(line): 1\r\n") || client.read(seconds: 1).closed {
                    cutOff = Date().timeIntervalSince(started)
                    break
                }
            }
            let seconds = try #require(cutOff, "the connection was still open after 15 s of header lines")
            #expect(seconds >= 4.5 && seconds < 8, "closed after \(seconds) s")
        }
    }

    @Test("a declared body past 16 KiB is answered 413 and the connection closed")
    func declaredBody() throws {
        try Self.withServer { port in
            let client = try RawClient(port: port)
            client.send("POST /metrics HTTP/1.1\r\nHost: sentinel\r\nContent-Length: 100000000\r\n\r\n")
            let answer = client.read(seconds: 3)
            #expect(answer.text.hasPrefix("HTTP/1.1 413"), "\(answer.text)")
            #expect(answer.closed)
        }
    }

    @Test("a chunked body past 16 KiB closes the connection")
    func chunkedBody() throws {
        try Self.withServer { port in
            let client = try RawClient(port: port)
            client.send("POST /api/status HTTP/1.1\r\nHost: sentinel\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "1000\r\n" + String(repeating: "x", count: 4096) + "\r\n"
            var open = true
            for _ in 0..<64 where open { open = client.send(chunk) }
            #expect(!open || client.read(seconds: 3).closed, "64 × 4 KiB went in and the connection stayed open")
        }
    }

    @Test("a header field past 8 KiB is refused")
    func hugeHeader() throws {
        try Self.withServer { port in
            let client = try RawClient(port: port)
            client.send("GET /metrics HTTP/1.1\r\nHost: sentinel\r\nX-Big: \(String(repeating: "a", count: 20_000))\r\n\r\n")
            let answer = client.read(seconds: 3)
            #expect(!answer.text.hasPrefix("HTTP/1.1 200"), "\(answer.text.prefix(200))")
            #expect(answer.closed)
        }
    }

    @Test("with a token: 401 without it or with another, 200 with it; /healthz answers anyone")
    func bearerToken() throws {
        let token = "sentinel-endpoint-token-0123456789"
        let access = try EndpointAccess.resolve(
            {
                var http = SentinelConfiguration.HTTP(); http.listen = "0.0.0.0:9466"; http.tokenEnv = "T"; return http
            }(),
            environment: ["T": token + "\n"])
        try Self.withServer(access: access) { port in
            func status(_ path: String, _ authorization: String?) throws -> String {
                let client = try RawClient(port: port)
                client.send(
                    "GET \(path) HTTP/1.1\r\nHost: sentinel\r\n" + (authorization.map { "Authorization: \($0)\r\n" } ?? "")
                        + "Connection: close\r\n\r\n")
                return String(client.read(seconds: 3).text.prefix(12))
            }
            let cases: [(String, String?, String)] = [
                ("/metrics", nil, "HTTP/1.1 401"), ("/api/status", "Bearer wrong", "HTTP/1.1 401"),
                ("/metrics", "Bearer \(token)x", "HTTP/1.1 401"), ("/metrics", "Basic \(token)", "HTTP/1.1 401"),
                ("/metrics", "Bearer \(token)", "HTTP/1.1 200"), ("/api/status", "Bearer \(token)", "HTTP/1.1 200"),
                ("/healthz", nil, "HTTP/1.1 200"),
            ]
            for (path, authorization, expected) in cases {
                let answer = try status(path, authorization)
                #expect(answer == expected, "\(path) with \(authorization ?? "no header")")
            }
        }
    }

    @Test("off loopback a token is required; on loopback none; a token is read from its variable or a private file")
    func access() throws {
        var http = SentinelConfiguration.HTTP()
        #expect(try EndpointAccess.resolve(http, environment: [:]).token == nil)
        for listen in ["0.0.0.0:9466", "[::]:9466", "192.0.2.1:9466", "gateway.example:9466"] {
            http.listen = listen
            #expect(throws: RuntimeError.unprotectedEndpoint(address: listen)) { try EndpointAccess.resolve(http, environment: [:]) }
        }
        for listen in ["127.0.0.1:1", "127.1.2.3:9466", "[::1]:9466", "localhost:9466"] {
            #expect(EndpointAccess.isLoopback(listen), "\(listen)")
        }
        #expect(!EndpointAccess.isLoopback("127.0.0.256:1") && !EndpointAccess.isLoopback("1127.0.0.1:1"))
        http.listen = "0.0.0.0:9466"
        http.tokenEnv = "SENTINEL_HTTP_TOKEN"
        #expect(throws: RuntimeError.self) { try EndpointAccess.resolve(http, environment: [:]) }
        #expect(throws: RuntimeError.self) { try EndpointAccess.resolve(http, environment: ["SENTINEL_HTTP_TOKEN": "short"]) }
        #expect(try EndpointAccess.resolve(http, environment: ["SENTINEL_HTTP_TOKEN": "0123456789abcdef"]).token != nil)
        try TemporaryDirectory.with { dir in
            http.tokenEnv = nil
            http.tokenFile = try dir.secret("token", "0123456789abcdef\n")
            #expect(try EndpointAccess.resolve(http, environment: [:]).token == Array("0123456789abcdef".utf8))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.file("token"))
            #expect {
                try EndpointAccess.resolve(http, environment: [:])
            } throws: { error in
                "\(error)".contains("chmod 600") && !"\(error)".contains("0123456789abcdef")
            }
        }
    }
}
