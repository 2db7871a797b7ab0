import Foundation

/// A task executor with a thread of its own, for the HTTP endpoint's service group.
///
/// ``StatusServer/start(timeout:)`` is synchronous: it starts the server's task and waits for
/// the listening socket. Run on Swift's cooperative pool (a test, or any caller that is itself
/// a task) that wait holds one of the pool's few threads; if the others are busy too, the
/// server's task never runs and the start times out. With this executor the server's tasks run
/// on their own thread whatever the pool is doing.
final class ServerThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// Starts the thread (it lives as long as the process: one per endpoint).
    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
