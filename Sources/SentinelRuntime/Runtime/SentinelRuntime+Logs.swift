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
            if !summary.warnings.contains("\(error)") { summary.warnings.append("\(error)") }
            return
        }
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

    func handle(_ window: LogWindowRecord, log path: String) {
        let verdict = logDetector?.classify(window)
        var features: [String: Double] = [:]
        for feature in LogWindowFeature.allCases { features[feature.name] = window[feature] }
        record(sheddable: true) { [self] in
            try database.appendLoad(
                series: "requests_per_s:\(path)", time: window.start,
                value: window[.requestsPerSecond])
        }
        conclude(
            WindowObservation(
                start: window.start, end: window.end, className: verdict?.className ?? ClassLabel.normal,
                confidence: verdict?.confidence ?? 0, target: path, topOffenders: window.topClients.map(\.client),
                keyFeatures: Self.keyFeatures(
                    features, reasons: verdict?.explanation?.reasons ?? [],
                    fallback: [LogWindowFeature.requestsPerSecond, .status5xxShare, .latencyP95, .slowRequestShare].map(\.name))),
            count: window.requests, load: window[.requestsPerSecond], features: features, verdict: verdict,
            classNames: logDetector?.classNames ?? [])
        watch(
            source: path, series: ["requests_per_s": window[.requestsPerSecond], "latency_p95_ms": window[.latencyP95]],
            start: window.start, end: window.end)
    }

    func storeLogWindows() {
        for (path, window) in pendingLogWindows { handle(window, log: path) }
        pendingLogWindows.removeAll()
    }
}
