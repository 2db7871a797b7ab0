import Foundation
import SentinelAlerts

/// Runs outbox deliveries beside the analysis loop: a slow or hanging receiver holds only
/// its own delivery task, never the capture queue, the log tailers or the windows.
///
/// At most one pass runs at a time; finished passes are collected with ``takeReports()``.
final class DeliveryPump: @unchecked Sendable {
    private let deliverer: WebhookDeliverer
    private let lock = NSLock()
    private var running = false
    private var reports: [DeliveryReport] = []

    init(deliverer: WebhookDeliverer) {
        self.deliverer = deliverer
    }

    /// The webhooks it delivers to, by name.
    var targets: [String: WebhookTarget] { deliverer.targets }

    /// Queues an event for every webhook (durably, before returning).
    @discardableResult
    func enqueue(_ event: AlertEvent, now: Double) throws(AlertsError) -> Int {
        try deliverer.enqueue(event, now: now)
    }

    /// Starts a pass over the due items unless one is still running.
    func start(now: Double) {
        lock.lock()
        defer { lock.unlock() }
        guard !running else { return }
        running = true
        let deliverer = self.deliverer
        Task {
            let report = await deliverer.deliverDue(now: now)
            self.finish(report)
        }
    }

    /// Waits up to `seconds` for the running pass; true when none is running.
    func waitIdle(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while isRunning {
            guard Date() < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    /// The reports of the passes finished since the last call.
    func takeReports() -> [DeliveryReport] {
        lock.lock()
        defer { lock.unlock() }
        let taken = reports
        reports = []
        return taken
    }

    private var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running
    }

    private func finish(_ report: DeliveryReport) {
        lock.lock()
        reports.append(report)
        running = false
        lock.unlock()
    }
}
