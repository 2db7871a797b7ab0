import Foundation
import SentinelDetection
import SentinelFeatures
import SentinelLearning
import SentinelOutput
import SentinelTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The bundled mixed capture analysed and classified with the shipped model, once.
enum ReportFixture {
    static let capture = SharedData.packageRoot + "/captures/mixed.pcap"
    static let model = SharedData.packageRoot + "/models/default.json"
    static let log = SharedData.packageRoot + "/captures/logs/errors_60pct_35rps.log"

    /// The analysis input for the mixed capture (and the 60 % error log).
    static let input: AnalysisReport.Input = {
        let result = try! OfflineAnalysis.run(paths: [capture], options: AnalysisOptions(), onFlow: { _ in })
        let detector = try! WindowDetector(model: try! DetectionModel.load(path: model))
        let detection = Detection(windows: result.windows, detector: detector, modelSource: model)
        var ports = PortTally()
        _ = try! OfflineAnalysis.run(paths: [capture], options: AnalysisOptions(), onFlow: { ports.add($0) })
        var logs = try! LogAnalysis.run(paths: [log])
        let logDetector = try! LogWindowDetector(model: try! DetectionModel.load(path: SharedData.packageRoot + "/models/logs.json"))
        logs.classify(with: logDetector, modelSource: "models/logs.json")
        return AnalysisReport.Input(title: "Mixed capture", analysis: result, detection: detection, logs: logs, ports: ports)
    }()

    /// Every `<svg …>…</svg>` element of a page.
    static func svgs(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// Whether `xml` is well-formed (the parser's error otherwise).
    static func xmlError(_ xml: String) -> String? {
        let parser = XMLParser(data: Data(xml.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown")"
    }

    /// Values of `attribute="…"` on elements of the page, in order.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The text of every `<title>` in `html`.
    static func titles(in html: String) -> [String] {
        html.components(separatedBy: "<title>").dropFirst().map { String($0.components(separatedBy: "</title>")[0]) }
    }
}
