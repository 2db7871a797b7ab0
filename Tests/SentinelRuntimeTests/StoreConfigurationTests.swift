import SentinelRuntime
import Testing

/// `sentinel.store` chooses the backend; a PostgreSQL URL is checked when the file is read,
/// and its password never comes from the YAML.
@Suite("store configuration")
struct StoreConfigurationTests {
    @Test("a postgres:// store and its password file are read; the SQLite path stays the default")
    func postgres() throws {
        let configuration = try SentinelConfiguration.parse(
            """
            sentinel:
              host: gw-7
              store: postgres://sentinel@db.internal:5432/fleet
              store_password_file: /etc/sentinel/store-password
            """, path: "c.yaml")
        #expect(configuration.sentinel.store == "postgres://sentinel@db.internal:5432/fleet")
        #expect(configuration.sentinel.storePasswordFile == "/etc/sentinel/store-password")
        #expect(configuration.sentinel.host == "gw-7")
        #expect(SentinelConfiguration().sentinel.store == "./sentinel.db")
        #expect(SentinelConfiguration().sentinel.storePasswordFile == nil)
    }

    @Test(
        "a bad store URL, or a password in it, is refused at its line and column",
        arguments: [
            (
                "sentinel:\n  store: postgres://db.internal/fleet\n",
                "c.yaml:2:10: postgres://db.internal/fleet: not a store URL: no user (postgres://USER@host/database)"
            ),
            (
                "sentinel:\n  store: \"postgres://s@h\"\n",
                "c.yaml:2:10: postgres://s@h: not a store URL: no database name (postgres://user@host/DATABASE)"
            ),
            (
                "sentinel:\n  store: redis://h/0\n",
                "c.yaml:2:10: redis://h/0: not a store URL: only postgres:// URLs and SQLite file paths are stores"
            ),
            (
                "sentinel:\n  store: postgres://s:hunter2@h/db\n",
                "c.yaml:2:10: secrets never go in the configuration: use secret_env or secret_file (the store URL holds a password: use SENTINEL_STORE_PASSWORD or store_password_file)"
            ),
            ("sentinel:\n  store_password: x\n", "c.yaml:2:3: secrets never go in the configuration: use secret_env or secret_file"),
        ])
    func refused(_ text: String, _ expected: String) {
        do {
            _ = try SentinelConfiguration.parse(text, path: "c.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
            #expect(!error.description.contains("hunter2"))
        }
    }
}
