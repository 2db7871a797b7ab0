import Foundation
import SentinelLearning
import SentinelOutput
import Testing

@Suite("EvaluationReport")
struct EvaluationReportTests {
    static let matrix = [[10, 0, 2], [1, 93, 0], [0, 4, 22]]
    static let names = ["syn_flood", "normal", "port_scan"]

    @Test("the heat map has one cell per pair with the right count, and P/R/F1 bars per class")
    func heatMap() throws {
        let metrics = try ClassificationMetrics(confusionMatrix: Self.matrix, classNames: Self.names)
        let html = EvaluationReport.html(metrics, model: "tree from m.json", data: "132 rows of captures")
        let svgs = ReportFixture.svgs(in: html)
        #expect(svgs.count == 2)
        let heat = try #require(svgs.first { $0.contains("id=\"confusion-matrix\"") })
        let cells = heat.components(separatedBy: "<rect").dropFirst().filter { $0.contains("data-true=") }
        #expect(cells.count == 9)
        for cell in cells {
            func value(_ name: String) -> String { cell.components(separatedBy: "\(name)=\"")[1].components(separatedBy: "\"")[0] }
            let t = try #require(Self.names.firstIndex(of: value("data-true")))
            let p = try #require(Self.names.firstIndex(of: value("data-predicted")))
            #expect(Int(value("data-count")) == Self.matrix[t][p])
        }
        #expect(heat.contains("true normal, predicted port_scan: 0"))
        #expect(heat.contains("true port_scan, predicted normal: 4 (15.4% of 26 port_scan rows)"))
        let bars = try #require(svgs.first { $0.contains("id=\"class-scores\"") })
        #expect(bars.components(separatedBy: "data-measure=").count - 1 == 9)
        #expect(bars.contains("data-class=\"syn_flood\" data-measure=\"recall\" data-value=\"0.8333\""))
        for legend in ["precision", "recall", "F1"] { #expect(bars.contains(">\(legend)</text>")) }
        #expect(html.contains("0.9"))
        for svg in svgs { #expect(ReportFixture.xmlError(svg) == nil) }
    }
}
