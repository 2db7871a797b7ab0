import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends queued alerts to their webhooks: queues one item per (event, webhook) with the
/// body rendered in the webhook's format, and on each ``deliverDue(now:)`` POSTs the due
/// items, signed (Standard Webhooks headers, `webhook-id` = event id, `webhook-timestamp` =
/// `now`).
///
/// A 2xx answer marks the item delivered; any other status, a timeout or a connection
/// failure reschedules it with ``Backoff``. After a webhook fails once in a pass, its other
/// items wait for the next pass, so a dead receiver costs at most one timeout per pass.
/// Delivery is at least once: if the process dies between a receiver's 2xx and
/// `markDelivered`, the item is sent again with the same `webhook-id`, which receivers
/// use to deduplicate. Retries may reorder a webhook's events (a resolve can overtake its
/// open); receivers should key on `incident_id` and `kind`.
///
/// Drive it from one task (a timer in the engine); an overlapping call returns an empty report.
public actor WebhookDeliverer {
    /// The configured webhooks, by name.
    public nonisolated let targets: [String: WebhookTarget]
    private let outbox: any OutboxStorage
    private let backoff: Backoff
    private let batchSize: Int
    private var random: BoxedGenerator
    private var busy = false
    private let session: URLSession

    /// Creates a deliverer.
    /// - Parameters:
    ///   - targets: the webhooks (names must be unique; a later duplicate replaces an earlier one).
    ///   - outbox: where items are queued.
    ///   - backoff: retry schedule.
    ///   - random: jitter source (a seeded generator in tests).
    ///   - batchSize: most items attempted per pass.
    public init(
        targets: [WebhookTarget], outbox: any OutboxStorage, backoff: Backoff = Backoff(),
        random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator(), batchSize: Int = 100
    ) {
        self.targets = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.outbox = outbox
        self.backoff = backoff
        self.random = BoxedGenerator(base: random)
        self.batchSize = max(1, batchSize)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.timeoutIntervalForResource = (targets.map(\.timeout).max() ?? 10) + 1
        session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    /// Queues an event for every webhook (idempotent: an event already queued or
    /// delivered for a webhook is not queued again).
    /// - Returns: the number of items offered to the outbox.
    @discardableResult
    public nonisolated func enqueue(_ event: AlertEvent, now: Double) throws(AlertsError) -> Int {
        let items = targets.values.sorted { $0.name < $1.name }.map { target in
            OutboxItem(
                eventID: event.eventID, webhook: target.name,
                payload: target.format.render(event, generatorURL: target.generatorURL), created: now)
        }
        do {
            try outbox.enqueue(items)
        } catch {
            throw .outbox(String(describing: error))
        }
        return items.count
    }

    /// Attempts every due item once (at most `batchSize`).
    /// - Parameter now: the current time, seconds since 1970 (the caller's clock).
    public func deliverDue(now: Double) async -> DeliveryReport {
        var report = DeliveryReport()
        guard !busy else { return report }
        busy = true
        defer { busy = false }
        let items: [OutboxItem]
        do {
            items = try outbox.due(now: now, limit: batchSize)
        } catch {
            report.errors.append(.outbox(String(describing: error)))
            return report
        }
        var failedWebhooks: Set<String> = []
        for item in items {
            if failedWebhooks.contains(item.webhook) {
                report.deferred += 1
                continue
            }
            let failure: AlertsError?
            if let target = targets[item.webhook] {
                failure = await post(item, to: target, now: now)
            } else {
                failure = .unknownWebhook(item.webhook)
            }
            do {
                if let failure {
                    failedWebhooks.insert(item.webhook)
                    report.failed += 1
                    report.errors.append(failure)
                    let wait = backoff.delay(failures: item.attempts + 1, using: &random)
                    report.outcomes.append(
                        DeliveryOutcome(
                            eventID: item.eventID, webhook: item.webhook, delivered: false, attempt: item.attempts + 1,
                            error: failure.description, nextAttempt: now + wait))
                    try outbox.markFailed(
                        eventID: item.eventID, webhook: item.webhook,
                        error: failure.description, nextAttempt: now + wait)
                } else {
                    report.delivered += 1
                    report.outcomes.append(
                        DeliveryOutcome(eventID: item.eventID, webhook: item.webhook, delivered: true, attempt: item.attempts + 1))
                    try outbox.markDelivered(eventID: item.eventID, webhook: item.webhook, at: now)
                }
            } catch {
                report.errors.append(.outbox(String(describing: error)))
            }
        }
        return report
    }

    /// One signed POST; `nil` on a 2xx answer, otherwise why not.
    private func post(_ item: OutboxItem, to target: WebhookTarget, now: Double) async -> AlertsError? {
        var request = URLRequest(
            url: target.url, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: target.timeout)
        request.httpMethod = "POST"
        request.httpBody = item.payload
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("sentinel", forHTTPHeaderField: "User-Agent")
        let headers = WebhookSigner(secret: target.secret)
            .headers(id: item.eventID, timestamp: Int(now.rounded(.down)), body: item.payload)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let url = target.displayURL
        do {
            let status = try await Self.send(request, with: session)
            return (200..<300).contains(status) ? nil : .delivery(url: url, reason: "HTTP status \(status)")
        } catch {
            return .delivery(url: url, reason: Self.reason(error))
        }
    }

    /// The status code of a request's response.
    private static func send(_ request: URLRequest, with session: URLSession) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let task = session.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: http.statusCode)
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }
            task.resume()
        }
    }

    private static func reason(_ error: any Error) -> String {
        guard let error = error as? URLError else { return String(describing: error) }
        switch error.code {
        case .timedOut: return "timed out"
        case .cannotConnectToHost: return "connection refused"
        case .networkConnectionLost: return "connection lost"
        case .cannotFindHost: return "unknown host"
        default: return error.localizedDescription
        }
    }
}

/// A concrete generator around an existential one, so it can be passed `inout`.
private struct BoxedGenerator: RandomNumberGenerator, Sendable {
    var base: any RandomNumberGenerator & Sendable

    mutating func next() -> UInt64 { base.next() }
}
