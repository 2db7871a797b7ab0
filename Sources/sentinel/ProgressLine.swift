import Foundation
import SentinelOutput

/// A one-line progress indicator on standard error, shown only on a terminal.
final class ProgressLine {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(enabled: Bool) { self.enabled = enabled }

    /// Redraws at most four times a second.
    func update(share: Double, frames: UInt64) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.25 else { return }
        lastDraw = Date()
        drawn = true
        Console.errorRaw("\r  reading: \(HumanFormat.fixed(share * 100, 1))%  \(HumanFormat.grouped(frames)) packets ")
    }

    /// Erases the line.
    func clear() {
        guard drawn else { return }
        Console.errorRaw("\r" + String(repeating: " ", count: 60) + "\r")
        drawn = false
    }
}
