import Foundation
import SentinelCore
import Testing

/// Secret files others may read are refused (issue 16), with the rule PostgreSQL applies to
/// its key files: nothing for others, the group only when root owns the file.
@Suite("Secret files")
struct SecretFileTests {
    @Test(
        "who may read a secret file",
        arguments: [
            (0o600 as mode_t, 1000 as uid_t, true), (0o400, 1000, true), (0o640, 0, true), (0o440, 0, true),
            (0o640, 1000, false), (0o604, 0, false), (0o644, 0, false), (0o660, 0, false), (0o601, 1000, false),
        ])
    func exposure(mode: mode_t, owner: uid_t, accepted: Bool) {
        let problem = SecretFile.exposure(mode: mode, owner: owner)
        #expect((problem == nil) == accepted, "\(String(mode, radix: 8)) owned by \(owner): \(problem ?? "accepted")")
        if let problem { #expect(problem.contains("chmod 600"), "\(problem)") }
    }

    @Test("reading: the text of a private file; a readable, missing or non-file path is refused by name")
    func reading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/token"
        try "s3cret\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try SecretFile.read(path) == "s3cret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SecretFile.Failure.exposed(SecretFile.exposure(mode: 0o644, owner: getuid())!)) { try SecretFile.read(path) }
        #expect(throws: SecretFile.Failure.unreadable("no such file")) { try SecretFile.read(folder + "/none") }
        #expect(throws: SecretFile.Failure.unreadable("not a regular file")) { try SecretFile.read(folder) }
    }
}
