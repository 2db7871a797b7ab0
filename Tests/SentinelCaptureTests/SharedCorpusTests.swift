import Foundation
import SentinelCapture
import SentinelTestSupport
import Testing

/// Every capture under `../shared`: the tcpdump project's odd and damaged test captures, and
/// the real captures. Skipped where `../shared` is absent (a user's clone).
@Suite("Shared capture corpus", .enabled(if: SharedData.isAvailable, "needs ../shared"))
struct SharedCorpusTests {
    /// What reading a set of files came to.
    struct Totals: CustomStringConvertible {
        var files = 0, opened = 0, refused = 0, frames = 0, ip = 0, nonIP = 0, malformed = 0, unreadable = 0
        var refusals: [String] = []
        var description: String {
            "\(files) files: \(opened) opened, \(refused) refused; \(frames) frames: \(ip) IP, \(nonIP) non-IP, "
                + "\(malformed) malformed; \(unreadable) unreadable records"
        }
    }

    /// Regular files under `directory`, recursively, sorted.
    static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let name = walker.nextObject() as? String {
            let path = "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    /// Opens and reads each file alone, decoding every frame. Only `CaptureError`s are
    /// tolerated at open; reading must never throw.
    static func readAll(_ paths: [String]) -> Totals {
        var totals = Totals()
        for path in paths {
            totals.files += 1
            let source: FilePacketSource
            do {
                source = try FilePacketSource(paths: [path])
            } catch let error as CaptureError {
                totals.refused += 1
                totals.refusals.append(error.description)
                #expect(error.description.contains(path))
                continue
            } catch {
                Issue.record("\(path): unexpected error type \(error)")
                continue
            }
            totals.opened += 1
            do {
                reading: while true {
                    switch try source.read() {
                    case .frame(let frame):
                        totals.frames += 1
                        let result = PacketDecoder(linkType: frame.linkType)
                            .decode(frame.bytes, wireLength: frame.wireLength, timestamp: frame.timestamp)
                        switch result {
                        case .ip: totals.ip += 1
                        case .nonIP: totals.nonIP += 1
                        case .malformed: totals.malformed += 1
                        }
                    case .timeout: continue
                    case .end: break reading
                    }
                }
            } catch {
                Issue.record("\(path): reading threw \(error)")
            }
            let stats = source.statistics()
            totals.unreadable += Int(stats.unreadableRecords)
            #expect(UInt64(source.warnings.count) == stats.unreadableRecords)
            for warning in source.warnings { #expect(warning.contains(path)) }
        }
        return totals
    }

    @Test("every tcpdump test capture opens or is refused with a CaptureError, and decodes without crashing")
    func tcpdumpCorpus() {
        let paths = Self.files(under: "\(SharedData.path)/corpus/tcpdump")
        #expect(paths.count >= 800, "the corpus has 830 captures")
        let totals = Self.readAll(paths)
        #expect(totals.opened + totals.refused == totals.files)
        #expect(totals.opened > totals.files / 2)
        #expect(totals.frames > 10_000)
        #expect(totals.ip > 0 && totals.nonIP > 0 && totals.malformed > 0)
        print("tcpdump corpus: \(totals)")
    }

    @Test("every real capture opens and reads without a throw")
    func realCaptures() throws {
        let paths = Self.files(under: "\(SharedData.path)/captures-real").filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        #expect(paths.count >= 30)
        let totals = Self.readAll(paths)
        #expect(totals.refused == 0, "\(totals.refusals)")
        #expect(totals.frames > 10_000)
        #expect(totals.ip > totals.frames / 2)
        print("real captures: \(totals)")
    }

    @Test("all real captures merge into one ordered stream")
    func realCapturesMerged() throws {
        let paths = Self.files(under: "\(SharedData.path)/captures-real").filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        let source = try FilePacketSource(paths: paths)
        var last = -Double.infinity
        var count = 0, outOfOrder = 0
        while case .frame(let frame) = try source.read() {
            count += 1
            // Each file is in order within itself only mostly; the merge picks the earliest head.
            if frame.timestamp < last { outOfOrder += 1 }
            last = frame.timestamp
        }
        #expect(count == Int(source.statistics().received))
        #expect(count > 10_000)
        #expect(outOfOrder < count / 100, "merged output is (almost) ordered: \(outOfOrder) steps back")
    }
}
