import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension ConfigurationCheck {
    /// The `events:` file can be appended to: it is a writable file, or its folder exists and
    /// is writable (`run` creates it).
    package func events() -> [CheckFinding] {
        guard let path = configuration.events?.path else { return [] }
        let subject = "events \(path)"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return [CheckFinding(.error, subject, "is a directory, not a file")] }
            return access(path, W_OK) == 0
                ? [] : [CheckFinding(.error, subject, "not writable by this user (\(String(cString: strerror(errno))))")]
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [
                CheckFinding(
                    .error, subject,
                    "its folder \(folder) does not exist (create it, writable by the sentinel's user; the unit's LogsDirectory makes /var/log/sentinel)"
                )
            ]
        }
        guard access(folder, W_OK) == 0 else {
            return [CheckFinding(.error, subject, "its folder \(folder) is not writable by this user: the file cannot be created")]
        }
        return []
    }
}
