import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ConfigurationCheck {
    /// Whether this host has a network interface of this name (`any` is libpcap's
    /// every-interface device).
    @Sendable package static func systemInterfaceExists(_ name: String) -> Bool {
        name == "any" || if_nametoindex(name) != 0
    }

    /// Each `capture.interfaces` entry exists on this host.
    package func interfaces() -> [CheckFinding] {
        configuration.capture.interfaces.filter { !interfaceExists($0) }.map {
            CheckFinding(.error, "interface \($0)", "no such network interface on this host (`ip link` lists them)")
        }
    }

    /// Each log exists and is a readable file, or is declared `optional: true` (a log that
    /// appears later); a misspelled path would otherwise be tailed forever and never alert.
    package func logs() -> [CheckFinding] {
        configuration.logs.compactMap { log in
            let subject = "log \(log.path)"
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: log.path, isDirectory: &isDirectory) else {
                if log.optional { return CheckFinding(.note, subject, "does not exist yet (optional: followed when it appears)") }
                return CheckFinding(
                    .error, subject, "no such file (check the spelling, or add optional: true if it appears later)")
            }
            if isDirectory.boolValue { return CheckFinding(.error, subject, "is a directory, not a log file") }
            if !FileManager.default.isReadableFile(atPath: log.path) {
                return CheckFinding(.error, subject, "cannot be read by this user (uid \(getuid()))")
            }
            return nil
        }
    }
}
