import Foundation
import SentinelTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a package is there or may be built: `$SENTINEL_DEB`, a built `.deb`, a static release
/// binary, or `SENTINEL_PACKAGE_TEST=1` (`.ci/run` builds the `.deb` before the tests).
private func packageExpected() -> Bool {
    let environment = ProcessInfo.processInfo.environment
    let release = SharedData.packageRoot + "/.build/release/sentinel"
    return !(environment["SENTINEL_DEB"] ?? "").isEmpty || PackageInstallTests.existingPackage() != nil
        || environment["SENTINEL_PACKAGE_TEST"] == "1"
        || (FileManager.default.isExecutableFile(atPath: release) && PackageInstallTests.isStatic(release))
}

/// The Debian package (issue 14 item 1) installed with `dpkg --root` into a clean root made by
/// `scripts/make-clean-root.sh` (a shell, useradd and the package's declared dependencies,
/// nothing of the Swift toolchain), and the installed binary run there through `chroot`.
///
/// The package is `$SENTINEL_DEB`, else `.build/deb/sentinel_*.deb` (`.ci/run` builds it with
/// `scripts/build-deb.sh` before the tests). With neither, a static release binary in
/// `.build/release` is packaged here; with `SENTINEL_PACKAGE_TEST=1` the whole release build
/// runs in a scratch folder of its own, `.build-package` (the running `swift test` holds
/// `.build`'s lock; ~15 min the first time on 2 cores). Otherwise the suite is skipped, saying so.
@Suite(
    "Debian package in a clean root", .serialized, .enabled(if: getuid() == 0, "dpkg --root and chroot need root"),
    .enabled(
        if: packageExpected(),
        "no package: run scripts/build-deb.sh, set SENTINEL_DEB, or SENTINEL_PACKAGE_TEST=1 to build one here (~5 min)"))
struct PackageInstallTests {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    /// The package to install, built if the environment asks for it or a release binary is there.
    static let package: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["SENTINEL_DEB"], !named.isEmpty { return named }
        if let found = existingPackage() { return found }
        let release = SharedData.packageRoot + "/.build/release/sentinel"
        var settings: [String: String] = [:]
        if FileManager.default.isExecutableFile(atPath: release), isStatic(release) {
            settings["SENTINEL_BINARY"] = release
        } else if environment["SENTINEL_PACKAGE_TEST"] == "1" {
            // `swift test` holds .build's lock: a build there would wait for it for ever.
            settings["SENTINEL_SCRATCH"] = SharedData.packageRoot + "/.build-package"
        } else {
            return nil
        }
        guard let built = try? Command.run(SharedData.packageRoot + "/scripts/build-deb.sh", [], environment: settings, timeout: 1_200),
            built.status == 0
        else { return nil }
        return existingPackage()
    }()

    static func existingPackage() -> String? {
        let folder = SharedData.packageRoot + "/.build/deb"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix("sentinel_") && $0.hasSuffix(".deb") }.sorted().last.map { folder + "/" + $0 }
    }

    /// Whether `binary` runs without the Swift toolchain's shared runtime.
    static func isStatic(_ binary: String) -> Bool {
        guard let ldd = try? Command.run("/usr/bin/ldd", [binary]) else { return false }
        return ldd.status == 0 && !ldd.stdout.contains("libswiftCore") && !ldd.stdout.contains("libFoundation")
    }

    /// The package names of a Depends field (versions dropped; of alternatives, the first installed).
    static func dependencies(_ field: String) -> [String] {
        field.split(separator: ",").compactMap { clause in
            let alternatives = clause.split(separator: "|").map {
                String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix { $0 != " " && $0 != "(" })
            }
            return alternatives.first { (try? Command.run("/usr/bin/dpkg-query", ["-s", $0]))?.status == 0 } ?? alternatives.first
        }
    }

    @Test("installs into a root without Swift, creates the user, and the binary analyses a capture and checks /etc/sentinel/sentinel.yaml")
    func installAndRun() throws {
        let deb = try #require(
            Self.package,
            "no package: run scripts/build-deb.sh, set SENTINEL_DEB, or SENTINEL_PACKAGE_TEST=1 to build one here (~5 min)")
        try TemporaryDirectory.with(prefix: "sentinel-root") { dir in
            let root = dir.file("root")
            let depends = try Command.run("/usr/bin/dpkg-deb", ["-f", deb, "Depends"]).stdout
            let packages = Self.dependencies(depends)
            #expect(packages.contains("libpcap0.8") && packages.contains("passwd"), "\(depends)")
            let made = try Command.run(SharedData.packageRoot + "/scripts/make-clean-root.sh", [root] + packages)
            #expect(made.status == 0, "\(made.stderr)")

            let install = try Command.run("/usr/bin/dpkg", ["--root=\(root)", "--install", deb])
            #expect(install.status == 0, "\(install.stdout)\(install.stderr)")

            // What the package put there.
            let manager = FileManager.default
            for file in [
                "/usr/bin/sentinel", "/usr/share/sentinel/models/default.json", "/usr/share/sentinel/models/logs.json",
                "/usr/share/sentinel/models/site.json",
                "/etc/sentinel/sentinel.yaml", "/lib/systemd/system/sentinel.service", "/usr/share/man/man1/sentinel.1.gz",
            ] {
                #expect(manager.fileExists(atPath: root + file), "\(file)")
            }
            let conffiles = try Command.run(
                "/usr/bin/dpkg-query", ["--admindir=\(root)/var/lib/dpkg", "-W", "-f=${Conffiles}", "sentinel"])
            #expect(conffiles.stdout.contains("/etc/sentinel/sentinel.yaml"), "\(conffiles.stdout)")
            let passwd = try String(contentsOfFile: root + "/etc/passwd", encoding: .utf8)
            let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("sentinel:") }, "\(passwd)")
            let uid = try #require(Int(user.split(separator: ":")[2]))
            #expect(uid < 1000, "a system user: \(user)")
            let state = try manager.attributesOfItem(atPath: root + "/var/lib/sentinel")
            #expect((state[.ownerAccountID] as? NSNumber)?.intValue == uid)
            let swiftFiles = try Command.run("/usr/bin/find", [root, "-name", "libswift*", "-o", "-name", "libFoundation*"])
            #expect(swiftFiles.stdout.isEmpty, "no Swift runtime in the root: \(swiftFiles.stdout)")
            let config = try String(contentsOfFile: root + "/etc/sentinel/sentinel.yaml", encoding: .utf8)
            #expect(config.contains("  model: /usr/share/sentinel/models/default.json\n"))
            #expect(config.contains("  store: /var/lib/sentinel/sentinel.db\n"))

            // The installed binary, run inside the root, with /proc as on any host (Swift reads
            // its arguments from /proc/self/cmdline); unmounted before the root is removed.
            let mounted = try Command.run("/usr/bin/mount", ["-t", "proc", "-o", "nosuid,nodev,noexec", "proc", root + "/proc"])
            try #require(mounted.status == 0, "\(mounted.stderr)")
            defer { _ = try? Command.run("/usr/bin/umount", ["--lazy", root + "/proc"]) }
            try manager.copyItem(atPath: SharedData.packageRoot + "/captures/syn_flood.pcap", toPath: root + "/tmp/syn_flood.pcap")
            let analyze = try Command.run("/usr/sbin/chroot", [root, "/usr/bin/sentinel", "analyze", "/tmp/syn_flood.pcap"], timeout: 120)
            #expect(analyze.status == 0, "\(analyze.stderr)")
            #expect(
                analyze.stdout.contains("/usr/share/sentinel/models/default.json"), "the packaged model: \(analyze.stdout.prefix(2_000))")
            #expect(analyze.stdout.contains("syn_flood "), "\(analyze.stdout.prefix(2_000))")

            let check = try Command.run(
                "/usr/sbin/chroot", [root, "/usr/bin/sentinel", "rules", "check", "--strict"],
                environment: ["SENTINEL_SOC_SECRET": Self.secret], unset: ["SENTINEL_MODEL", "SENTINEL_LOG_MODEL", "SENTINEL_CONFIG"])
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            #expect(check.stdout.hasPrefix("/etc/sentinel/sentinel.yaml: OK\n"), "\(check.stdout)")
            #expect(check.stdout.contains("configuration  /etc/sentinel/sentinel.yaml  (default)"), "\(check.stdout)")
            #expect(check.stdout.contains("model          /usr/share/sentinel/models/default.json  (sentinel.model)"), "\(check.stdout)")
            let unset = try Command.run(
                "/usr/sbin/chroot", [root, "/usr/bin/sentinel", "rules", "check"], unset: ["SENTINEL_SOC_SECRET", "SENTINEL_CONFIG"])
            #expect(unset.status == 2)
            #expect(
                unset.stderr.contains("error: webhook soc: webhook secret: environment variable SENTINEL_SOC_SECRET is not set"),
                "\(unset.stderr)")

            // Purge removes the files and the conffile, and keeps the user.
            let purge = try Command.run("/usr/bin/dpkg", ["--root=\(root)", "--purge", "sentinel"])
            #expect(purge.status == 0, "\(purge.stdout)\(purge.stderr)")
            #expect(!manager.fileExists(atPath: root + "/usr/bin/sentinel"))
            #expect(!manager.fileExists(atPath: root + "/etc/sentinel/sentinel.yaml"))
        }
    }
}
