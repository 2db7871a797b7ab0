import Foundation
import SentinelGateway
import SentinelTestSupport
import Testing

/// The backend servers read from a gateway's own configuration, on files nginx and HAProxy
/// themselves accept (`nginx -t`, `haproxy -c`, when installed).
@Suite("Upstream servers from nginx and HAProxy configuration")
struct UpstreamServersTests {
    /// Runs a checker and returns its status and output (nil when the tool is not installed).
    static func check(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard let binary = Loopback.executable(tool) else { return nil }
        return try SentinelTestSupport.ChildProcess.run(binary, arguments)
    }

    @Test(
        "nginx: servers of every upstream block (included files too), proxy_pass to an address; names, sockets, variables and comments left out"
    )
    func nginx() throws {
        try TemporaryDirectory.with(prefix: "sentinel-upstreams") { directory in
            let root = directory.path
            try FileManager.default.createDirectory(atPath: "\(root)/conf.d", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: "\(root)/logs", withIntermediateDirectories: true)
            try """
            # server 10.1.1.1;  a comment, not a server
            upstream more { server 10.9.8.6:8080 max_fails=3; }
            """.write(toFile: "\(root)/conf.d/more.conf", atomically: true, encoding: .utf8)
            try "upstream unused { server 10.9.8.99; }\n".write(toFile: "\(root)/conf.d/skipped.txt", atomically: true, encoding: .utf8)
            let conf = directory.file("nginx.conf")
            try """
            \(Loopback.nginxHead(root: root))
                include conf.d/*.conf;
                upstream app {
                    server 127.0.0.1:18080 weight=2;
                    server [::1]:18081;
                    server "localhost:18082" backup;
                    server unix:/tmp/sentinel-app.sock;
                }
                server {
                    listen 127.0.0.1:18079;
                    location / { proxy_pass http://app; }
                    location /more { proxy_pass http://more; }
                    location /api { proxy_pass http://10.9.8.7:9000/api; }
                    location /v { set $backend 10.9.8.8; proxy_pass http://$backend; }
                }
            }
            """.write(toFile: conf, atomically: true, encoding: .utf8)
            if let checked = try Self.check("nginx", ["-p", root, "-c", conf, "-e", "\(root)/logs/error.log", "-t", "-q"]) {
                #expect(checked.status == 0, "nginx -t: \(checked.output)")
            }
            let servers = try UpstreamServers.nginx(configPath: conf)
            #expect(servers.hosts == ["10.9.8.6", "127.0.0.1", "::1", "localhost", "10.9.8.7"], "\(servers.hosts)")
            #expect(servers.files == [conf, "\(root)/conf.d/more.conf"])
            #expect(throws: GatewayFailure.self) { try UpstreamServers.nginx(configPath: directory.file("none.conf")) }
        }
    }

    @Test(
        "HAProxy: server lines of backend and listen sections, any address form; frontends, sockets and comments left out; a folder of .cfg files"
    )
    func haproxy() throws {
        try TemporaryDirectory.with(prefix: "sentinel-upstreams") { directory in
            let conf = directory.file("haproxy.cfg")
            try """
            global
                log stdout format raw local0
            defaults
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            frontend web
                bind 127.0.0.1:18090
                default_backend app
            backend app
                balance roundrobin
                server s1 127.0.0.1:18080 check weight 10
                server s2 ipv6@::1:18081
                server s3 localhost:18082
                server s4 /tmp/sentinel-app.sock
            #   server old 10.1.1.1:80
            listen admin
                bind 127.0.0.1:18091
                server s5 10.9.8.5:80  # the old panel

            """.write(toFile: conf, atomically: true, encoding: .utf8)
            if let checked = try Self.check("haproxy", ["-c", "-f", conf]) {
                #expect(checked.status == 0, "haproxy -c: \(checked.output)")
            }
            let servers = try UpstreamServers.haproxy(configPath: conf)
            #expect(servers.hosts == ["127.0.0.1", "::1", "localhost", "10.9.8.5"], "\(servers.hosts)")
            // A folder, as `haproxy -f /etc/haproxy/conf.d` reads it: its .cfg files in name order.
            let folder = directory.file("conf.d")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "backend b\n    server a 10.9.7.2:80\n".write(toFile: "\(folder)/20-b.cfg", atomically: true, encoding: .utf8)
            try "backend a\n    server a 10.9.7.1:80\n".write(toFile: "\(folder)/10-a.cfg", atomically: true, encoding: .utf8)
            try "backend c\n    server a 10.9.7.3:80\n".write(toFile: "\(folder)/notes.txt", atomically: true, encoding: .utf8)
            #expect(try UpstreamServers.haproxy(configPath: folder).hosts == ["10.9.7.1", "10.9.7.2"])
            #expect(throws: GatewayFailure.self) { try UpstreamServers.haproxy(configPath: directory.file("none.cfg")) }
        }
    }
}
