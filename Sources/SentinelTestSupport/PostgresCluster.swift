import Foundation

/// A private, throwaway PostgreSQL server for tests: `initdb` in a temporary folder, started
/// with `pg_ctl` on 127.0.0.1 at a free port (and a unix socket in the same folder), stopped
/// and deleted when the test process ends, even if it crashes (a watchdog shell waits for it).
///
/// PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (Debian's
/// package creates it) through `runuser`, or as `nobody` through `setpriv`.
///
/// Logins: `sentinel` with password ``password`` over TCP (scram-sha-256), trust over the socket.
public final class PostgresCluster: Sendable {
    /// The role tests log in as.
    public static let user = "sentinel"
    /// That role's password.
    public static let password = "fleet-test-password"

    /// The folder holding `initdb`, `pg_ctl` and `createdb` (the newest of
    /// `/usr/lib/postgresql/*/bin`, or `$SENTINEL_PG_BIN`), or nil when PostgreSQL is not installed.
    public static let binaries: String? = {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let custom = ProcessInfo.processInfo.environment["SENTINEL_PG_BIN"] { candidates.append(custom) }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        candidates += versions.map { "\(root)/\($0)/bin" }
        return candidates.first {
            fileManager.isExecutableFile(atPath: "\($0)/initdb") && fileManager.isExecutableFile(atPath: "\($0)/pg_ctl")
        }
    }()

    /// Why PostgreSQL tests are skipped, for `.enabled(if:)`.
    public static let skipReason =
        "PostgreSQL binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin: apt-get install postgresql (.ci/run does)"

    /// The cluster shared by this test process, started on first use.
    /// - Throws: ``PostgresClusterError`` when it cannot be created or started.
    public static func shared() throws -> PostgresCluster {
        try sharedLock.withLock {
            if let cluster = sharedCluster.value { return cluster }
            let cluster = try PostgresCluster()
            sharedCluster.value = cluster
            atexit { PostgresCluster.sharedCluster.value?.stop() }
            return cluster
        }
    }

    private static let sharedCluster = Box()
    private static let sharedLock = NSLock()
    private final class Box: @unchecked Sendable { var value: PostgresCluster? }

    /// The folder holding the data directory, the socket and the server log.
    public let directory: String
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// With `tls`: the certificate authority (PEM) that signed the server's certificate
    /// (for `127.0.0.1` and `localhost`).
    public let certificateAuthority: String?
    /// With `clientCertificates`: a client certificate for ``user`` signed by that authority,
    /// and its key (mode 600), the only way to log in over TCP.
    public let clientCertificate: (certificate: String, key: String)?
    private let bin: String
    private let options: String
    private let counter = Counter()

    /// Creates and starts a new cluster; with `tls` it also accepts TLS, with a certificate
    /// signed by a throwaway authority (``certificateAuthority``); with `clientCertificates`
    /// (TLS implied) it logs TCP clients in by the certificate they show, signed by that
    /// authority for ``user`` (``clientCertificate``), and by nothing else.
    public init(tls: Bool = false, clientCertificates: Bool = false) throws {
        let tls = tls || clientCertificates
        guard let bin = Self.binaries else { throw PostgresClusterError.notInstalled(Self.skipReason) }
        self.bin = bin
        var template = Array("/tmp/sentinel-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgresClusterError.failed("mkdtemp: \(String(cString: strerror(errno)))") }
        directory = String(cString: made)
        port = try Self.freePort()
        var options =
            "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory) -c fsync=off -c synchronous_commit=off"
            + " -c full_page_writes=off -c max_connections=60"
        if tls { options += " -c ssl=on -c ssl_cert_file=\(directory)/server.crt -c ssl_key_file=\(directory)/server.key" }
        if clientCertificates { options += " -c ssl_ca_file=\(directory)/ca.pem" }
        self.options = options
        certificateAuthority = tls ? "\(directory)/ca.pem" : nil
        clientCertificate = clientCertificates ? ("\(directory)/client.crt", "\(directory)/client.key") : nil
        let owner = Self.serverUser()
        if let owner {
            _ = try Self.run("/bin/chown", [owner, directory])
        }
        try Data("\(Self.password)\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/pwfile"))
        if let owner { _ = try Self.run("/bin/chown", [owner, "\(directory)/pwfile"]) }
        try asServer(
            "\(bin)/initdb",
            [
                "-D", "\(directory)/data", "-U", Self.user, "--pwfile=\(directory)/pwfile", "--auth-local=trust",
                "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C",
            ])
        if tls { try Self.makeCertificates(in: directory, owner: owner) }
        if clientCertificates {
            try Self.makeClientCertificate(in: directory)
            // Over TCP a certificate signed by the authority and naming the role is the login.
            try "local all all trust\nhostssl all all 127.0.0.1/32 cert\n".write(
                toFile: "\(directory)/data/pg_hba.conf", atomically: false, encoding: .utf8)
        }
        try asServer(
            "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-o", options, "-l", "\(directory)/server.log", "-w", "-t", "60", "start"])
        startWatchdog(owner: owner)
    }

    /// A throwaway authority and a server certificate it signs for 127.0.0.1 and localhost
    /// (`openssl`); the key readable by the server's user only, as PostgreSQL demands.
    private static func makeCertificates(in directory: String, owner: String?) throws {
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: "\(directory)/san.ext", atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(directory)/ca.key", "-out", "\(directory)/ca.pem", "-days",
                "2",
                "-subj", "/CN=sentinel-test-ca",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(directory)/server.key", "-out", "\(directory)/server.csr",
                "-subj", "/CN=127.0.0.1",
            ],
            [
                "x509", "-req", "-in", "\(directory)/server.csr", "-CA", "\(directory)/ca.pem", "-CAkey", "\(directory)/ca.key",
                "-CAcreateserial", "-out", "\(directory)/server.crt", "-days", "2", "-extfile", "\(directory)/san.ext",
            ],
        ]
        for step in steps {
            let (status, output) = try run("/usr/bin/openssl", step)
            guard status == 0 else { throw PostgresClusterError.failed("openssl \(step[0]) exited \(status): \(output.suffix(400))") }
        }
        chmod("\(directory)/server.key", 0o600)
        if let owner { _ = try run("/bin/chown", [owner, "\(directory)/server.key", "\(directory)/server.crt"]) }
    }

    /// A client certificate for ``user`` signed by the authority ``makeCertificates(in:owner:)``
    /// made, and its key readable by this process's user only.
    private static func makeClientCertificate(in directory: String) throws {
        let steps: [[String]] = [
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(directory)/client.key", "-out", "\(directory)/client.csr",
                "-subj", "/CN=\(user)",
            ],
            [
                "x509", "-req", "-in", "\(directory)/client.csr", "-CA", "\(directory)/ca.pem", "-CAkey", "\(directory)/ca.key",
                "-CAcreateserial", "-out", "\(directory)/client.crt", "-days", "2",
            ],
        ]
        for step in steps {
            let (status, output) = try run("/usr/bin/openssl", step)
            guard status == 0 else { throw PostgresClusterError.failed("openssl \(step[0]) exited \(status): \(output.suffix(400))") }
        }
        chmod("\(directory)/client.key", 0o600)
    }

    /// A new, empty database in the cluster; returns its name.
    public func createDatabase() throws -> String {
        let name = "sentinel_\(getpid())_\(counter.next())"
        try asServer("\(bin)/createdb", ["-h", directory, "-p", "\(port)", "-U", Self.user, name])
        return name
    }

    /// `postgres://sentinel@127.0.0.1:PORT/database` (the password goes separately).
    public func url(database: String) -> String { "postgres://\(Self.user)@127.0.0.1:\(port)/\(database)" }

    /// Runs `body` with a new private cluster (see ``init(tls:clientCertificates:)``) and the
    /// URL of a new database in it; the cluster is stopped afterwards, whether `body` returns
    /// or throws.
    @discardableResult
    public static func withDatabase<T>(
        tls: Bool = false, clientCertificates: Bool = false, _ body: (PostgresCluster, String) throws -> T
    ) throws -> T {
        let cluster = try PostgresCluster(tls: tls, clientCertificates: clientCertificates)
        defer { cluster.stop() }
        return try body(cluster, cluster.url(database: try cluster.createDatabase()))
    }

    /// Stops the server at once and deletes its folder.
    public func stop() {
        _ = try? asServer("\(bin)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops the server (fast shutdown), leaving its data, as a database restart would.
    public func pause() throws {
        try asServer("\(bin)/pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "stop"])
    }

    /// Starts a paused server again on the same port.
    public func resume() throws {
        try asServer(
            "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-o", options, "-l", "\(directory)/server.log", "-w", "-t", "60", "start"])
    }

    private func asServer(_ tool: String, _ arguments: [String]) throws {
        let (status, output) =
            switch Self.serverUser() {
            case "postgres": try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", tool] + arguments)
            case .some(let user):
                try Self.run("/usr/bin/setpriv", ["--reuid=\(user)", "--regid=nogroup", "--clear-groups", tool] + arguments)
            case nil: try Self.run(tool, arguments)
            }
        guard status == 0 else {
            throw PostgresClusterError.failed("\((tool as NSString).lastPathComponent) exited \(status): \(output.suffix(800))")
        }
    }

    /// Removes the cluster when this process goes, however it goes.
    private func startWatchdog(owner: String?) {
        let stop = "\(bin)/pg_ctl -D \(directory)/data -m immediate -w stop"
        let asOwner =
            owner == "postgres"
            ? "/usr/sbin/runuser -u postgres -- \(stop)"
            : owner.map { "/usr/bin/setpriv --reuid=\($0) --regid=nogroup --clear-groups \(stop)" } ?? stop
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(asOwner) >/dev/null 2>&1; rm -rf \(directory)"
        try? ChildProcess.launch("/bin/sh", ["-c", script])
    }

    /// Who runs the server: nil when this process is not root, else `postgres` or `nobody`.
    private static func serverUser() -> String? {
        guard getuid() == 0 else { return nil }
        return getpwnam("postgres") != nil ? "postgres" : "nobody"
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let result = try ChildProcess.run(tool, arguments)
        return (result.status, result.output)
    }

    /// A port on 127.0.0.1 that was free a moment ago.
    private static func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw PostgresClusterError.failed("socket: \(String(cString: strerror(errno)))") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw PostgresClusterError.failed("bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A thread-safe counter for database names.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
