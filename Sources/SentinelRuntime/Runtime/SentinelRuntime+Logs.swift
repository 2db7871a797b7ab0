import Logging
import SentinelAlerts
import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures
import SentinelStore

/// Access logs in the runtime: lines tailed and parsed, read positions saved, log windows
/// classified and concluded like packet windows.
extension SentinelRuntime {
    func readLog(_ index: Int, now: Double) {
        let lines: [String]
        do {
            lines = try logs[index].tailer.readAvailable(maxLines: 50_000)
        } catch {
            if !summary.warnings.contains("\(error)") {
                summary.warnings.append("\(error)")
                logger.error("cannot read a tailed log", metadata: ["path": "\(logs[index].path)", "error": "\(error)"])
            }
            return
        }
        noteRotation(index)
        var read = 0
        var skipped: [String: UInt64] = [:]
        let jumpsBefore = logs[index].aggregator.clockJumpRecordsSkipped
        for line in lines where !line.isEmpty {
            read += 1
            if logs[index].parser == nil {
                logs[index].parser = (LogFormat.detect([Substring(line)]) ?? .combined).parser
            }
            switch logs[index].parser!.parse(line) {
            case .success(let record): logs[index].aggregator.add(record)
            case .failure(let error): skipped[error.kind, default: 0] += 1
            }
        }
        // A line dated far from the others (years ahead) that the next line did not confirm.
        let jumps = logs[index].aggregator.clockJumpRecordsSkipped - jumpsBefore
        if jumps > 0 { skipped[LogAnalysis.clockJumpReason, default: 0] += UInt64(jumps) }
        if read > 0 {
            let path = logs[index].path
            summary.logLines += read
            summary.logLinesSkipped += Int(skipped.values.reduce(0, +))
            status.update { s in
                s.logLines[path, default: 0] += UInt64(read)
                for (reason, count) in skipped { s.logLinesSkipped[reason, default: 0] += count }
            }
        }
        logs[index].aggregator.advance(to: now)
        if let position = logs[index].tailer.position, position != logs[index].saved {
            let path = logs[index].path
            record { [self] in
                try database.saveLogPosition(
                    StoredLogPosition(
                        path: path, device: Int64(bitPattern: position.device), inode: Int64(bitPattern: position.inode),
                        offset: position.offset, updated: now))
            }
            logs[index].saved = position
        }
    }

    /// Logs a tailed file appearing, being replaced (rotation by rename) or truncated (copytruncate).
    private func noteRotation(_ index: Int) {
        let before = logs[index].seen, after = logs[index].tailer.position
        guard before != after, let after else { return }
        logs[index].seen = after
        let path = logs[index].path
        guard let before else {
            logger.notice("log appeared: following it", metadata: ["path": "\(path)"])
            return
        }
        if before.device != after.device || before.inode != after.inode {
            logger.notice("log rotated: following the new file", metadata: ["path": "\(path)", "inode": "\(after.inode)"])
        } else if after.offset < before.offset {
            logger.notice("log truncated (copytruncate): reading from its start", metadata: ["path": "\(path)"])
        }
    }

    func handle(_ window: LogWindowRecord, log path: String) {
        var verdict = logDetector?.classify(window)
        if let classified = verdict, var gate = logGates[path] ?? startingGate(source: Self.baselineSource(log: path)) {
            verdict = gate.judge(window, verdict: classified)
            logGates[path] = gate
        }
        var features: [String: Double] = [:]
        for feature in LogWindowFeature.allCases { features[feature.name] = window[feature] }
        storeLoad(
            window[.requestsPerSecond], series: "requests_per_s:\(path)", start: window.start, className: verdict?.className)
        conclude(
            WindowObservation(
                start: window.start, end: window.end, className: verdict?.className ?? ClassLabel.normal,
                confidence: verdict?.confidence ?? 0, target: path, topOffenders: window.topClients.map(\.client),
                keyFeatures: Self.keyFeatures(
                    features, reasons: verdict?.explanation?.reasons ?? [],
                    fallback: [LogWindowFeature.requestsPerSecond, .status5xxShare, .latencyP95, .slowRequestShare].map(\.name))),
            count: window.requests, load: window[.requestsPerSecond], features: features, verdict: verdict,
            classNames: logDetector?.classNames ?? [], siteLearning: logGates[path].map { !$0.baseline.isWarm } ?? false)
        watch(
            source: path, series: Self.watchedLogFeatures.map { ($0.name, window[$0]) }, start: window.start, end: window.end)
    }

    func storeLogWindows() {
        for (path, window) in pendingLogWindows { handle(window, log: path) }
        pendingLogWindows.removeAll()
    }
}
