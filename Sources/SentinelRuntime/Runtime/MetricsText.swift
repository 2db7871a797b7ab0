/// The Prometheus text exposition format (version 0.0.4) of a ``RuntimeStatus`` snapshot.
package enum MetricsText {
    /// The content type Prometheus expects.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders every metric with its HELP and TYPE lines.
    package static func render(_ s: RuntimeStatus.Snapshot, now: Double) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { out += "\(name)\(sample.labels) \(format(sample.value))\n" }
        }
        /// One unlabelled gauge, left out while its value is unknown (nil).
        func gauge(_ name: String, _ help: String, _ value: Double?) {
            if let value { family(name, "gauge", help, [("", value)]) }
        }
        /// One unlabelled counter.
        func counter(_ name: String, _ help: String, _ value: Double) { family(name, "counter", help, [("", value)]) }
        func labelled(_ key: String, _ values: [String: UInt64]) -> [(labels: String, value: Double)] {
            values.sorted { $0.key < $1.key }.map { ("{\(key)=\"\(escape($0.key))\"}", Double($0.value)) }
        }
        family("sentinel_packets_total", "counter", "Frames captured, per interface.", labelled("interface", s.frames))
        family("sentinel_bytes_total", "counter", "Wire bytes captured, per interface.", labelled("interface", s.bytes))
        family(
            "sentinel_capture_queue_drops_total", "counter",
            "Frames dropped because analysis fell behind (full queue), per interface.", labelled("interface", s.queueDrops))
        family(
            "sentinel_capture_kernel_drops_total", "counter",
            "Packets the kernel dropped before the capture read them (pcap_stats ps_drop), per interface.",
            labelled("interface", s.kernelDrops))
        family(
            "sentinel_capture_interface_drops_total", "counter",
            "Packets the interface or its driver dropped (pcap_stats ps_ifdrop), per interface.",
            labelled("interface", s.interfaceDrops))
        family(
            "sentinel_malformed_packets_total", "counter", "Damaged frames counted and skipped, per reason.",
            labelled("reason", s.malformed))
        family("sentinel_log_lines_total", "counter", "Access-log lines read, per log.", labelled("log", s.logLines))
        family(
            "sentinel_log_lines_skipped_total", "counter", "Access-log lines that did not parse, counted and skipped, per reason.",
            labelled("reason", s.logLinesSkipped))
        family("sentinel_windows_total", "counter", "Windows classified, per verdict.", labelled("verdict", s.windowsByVerdict))
        family(
            "sentinel_planner_actions_total", "counter", "Planner decisions, per kind and mode (dry-run: recommended only).",
            s.actions.sorted { $0.key < $1.key }.map { entry in
                let parts = entry.key.split(separator: "/", maxSplits: 1).map(String.init)
                return ("{kind=\"\(escape(parts[0]))\",mode=\"\(escape(parts.count > 1 ? parts[1] : ""))\"}", Double(entry.value))
            })
        gauge("sentinel_open_incidents", "Incidents open now.", Double(s.openIncidents))
        gauge("sentinel_outbox_depth", "Alerts waiting in the outbox.", Double(s.outboxDepth))
        gauge("sentinel_store_buffered_writes", "Store writes waiting for an unreachable database.", Double(s.storeBuffered))
        counter(
            "sentinel_store_writes_dropped_total", "Store writes dropped while the database was unreachable (buffer full).",
            Double(s.storeWritesDropped))
        gauge(
            "sentinel_planner_leader", "1 while this sentinel holds the fleet's planner lease, else 0.",
            s.plannerLeader.map { $0 ? 1 : 0 })
        gauge(
            "sentinel_planner_sensors",
            "Sensors whose load the planner summed in its source's last window (the fleet's load), this one included.",
            s.plannerSensors.map { Double($0) })
        // For a cluster's own autoscaler (KEDA's Prometheus scaler, an HPA on external metrics).
        gauge(
            "sentinel_planner_desired_replicas", "Replicas the planner wants for the scaled workload.",
            s.plannerReplicas.map { Double($0) })
        gauge(
            "sentinel_planner_legitimate_load",
            "Legitimate load of the planner source's last window (requests/s or packets/s; attack traffic excluded).",
            s.plannerLegitimateLoad)
        gauge("sentinel_planner_forecast_load", "Forecast of the legitimate load at the scaling horizon.", s.plannerForecast)
        counter("sentinel_alerts_delivered_total", "Alerts delivered to webhooks.", Double(s.alertsDelivered))
        counter("sentinel_alert_delivery_failures_total", "Failed alert delivery attempts (retried).", Double(s.alertFailures))
        gauge("sentinel_analysis_lag_seconds", "Delay between a window's end and its classification.", s.analysisLag)
        gauge("sentinel_uptime_seconds", "Seconds since the sentinel started.", max(0, now - s.started))
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
