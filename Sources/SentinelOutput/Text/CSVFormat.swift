import SentinelCapture
import SentinelCore
import SentinelDetection
import SentinelFeatures

/// The CSV layouts of the windows and flows outputs. The header rows come from the
/// feature lists, so a column can never drift from its value.
package enum CSVFormat {
    /// Header of the windows CSV: `start,end,` then every ``WindowFeature`` name.
    package static var windowHeader: String {
        (["start", "end"] + WindowFeatures.names).joined(separator: ",")
    }

    /// Header of the windows CSV with verdicts: the features, then `verdict,confidence` and
    /// one `p_<class>` column per model class.
    package static func windowHeader(classNames: [String]) -> String {
        windowHeader + ",verdict,confidence," + classNames.map { "p_" + $0 }.joined(separator: ",")
    }

    /// One windows-CSV row (with the verdict columns when a verdict is given).
    package static func windowRow(_ window: WindowRecord, verdict: WindowVerdict? = nil) -> String {
        var fields = [JSONWriter.format(window.start), JSONWriter.format(window.end)]
        fields.reserveCapacity(2 + window.features.values.count)
        for value in window.features.values { fields.append(JSONWriter.format(value)) }
        if let verdict { fields += verdictFields(verdict) }
        return fields.joined(separator: ",")
    }

    /// The verdict columns of a windows CSV row: `verdict,confidence,p_<class>…`.
    static func verdictFields(_ verdict: WindowVerdict) -> [String] {
        [verdict.className, JSONWriter.format(verdict.confidence)] + verdict.probabilities.map { JSONWriter.format($0) }
    }

    /// Header of the flows CSV: endpoints, times, close reason, then every ``FlowFeature``.
    package static var flowHeader: String {
        (["client", "client_port", "server", "server_port", "protocol", "start", "end", "close_reason"]
            + FlowRecord.featureNames).joined(separator: ",")
    }

    /// One flows-CSV row.
    package static func flowRow(_ flow: FlowRecord) -> String {
        var fields = [
            flow.client.description, String(flow.clientPort), flow.server.description, String(flow.serverPort),
            IPProtocol.name(flow.ipProtocol), JSONWriter.format(flow.start), JSONWriter.format(flow.end),
            flow.closeReason.rawValue,
        ]
        for value in flow.values { fields.append(JSONWriter.format(value)) }
        return fields.joined(separator: ",")
    }
}
