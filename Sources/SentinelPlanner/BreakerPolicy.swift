/// A circuit breaker the planner drives: the backend server behind one source (a log path or
/// an interface) is drained when that source's windows show degradation for
/// `failureThreshold` windows in a row, probed at a low weight after `openDuration` seconds,
/// and restored after `successThreshold` healthy windows (closed → open → half-open → closed).
package struct BreakerPolicy: Sendable, Equatable {
    /// The source whose verdicts judge the server.
    package var source: String
    /// The backend (HAProxy backend name).
    package var backend: String
    /// The server in the backend.
    package var server: String
    /// Degraded windows in a row that open the breaker.
    package var failureThreshold = 3
    /// Seconds the breaker stays open before probing.
    package var openDuration: Double = 30
    /// Healthy windows in a row, while probing, that close it.
    package var successThreshold = 3

    /// Creates a breaker policy with the default thresholds.
    package init(source: String, backend: String, server: String) {
        self.source = source
        self.backend = backend
        self.server = server
    }
}
