import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Clocks, memory and child processes for the benchmark.
enum Measure {
    /// Monotonic seconds.
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// A field of /proc/self/status in KiB (`VmHWM` = peak resident set, `VmRSS` = now).
    static func statusKiB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }

    /// The path of the running executable.
    static func selfExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }

    /// Runs `path args…`, returns its exit status, standard output and wall-clock seconds
    /// (from launch to exit). Standard error is discarded; standard output too unless `captureOutput`.
    static func run(_ path: String, _ arguments: [String], captureOutput: Bool = false) throws
        -> (status: Int32, output: String, seconds: Double)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = captureOutput ? pipe : FileHandle.nullDevice
        let start = now()
        try process.run()
        var data = Data()
        if captureOutput { data = pipe.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        let seconds = now() - start
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), seconds)
    }

    /// Size of a file in bytes.
    static func fileSize(_ path: String) -> Int {
        var s = stat()
        return stat(path, &s) == 0 ? Int(s.st_size) : 0
    }
}

extension Double {
    /// Fixed-point text with `digits` decimals.
    func fixed(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}

extension Int {
    /// Thousands separated with commas.
    var grouped: String {
        let text = String(Swift.abs(self))
        var out = ""
        for (i, c) in text.enumerated() {
            if i > 0 && (text.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
