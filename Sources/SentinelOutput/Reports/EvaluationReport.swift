import SentinelLearning

/// The HTML report of `sentinel evaluate`: headline scores, the confusion matrix as a heat
/// map, per-class precision, recall and F1 as grouped bars, and a reliability diagram.
package enum EvaluationReport {
    /// The page.
    /// - Parameters:
    ///   - metrics: the scores.
    ///   - reliability: how the verdicts' confidence compares with the share right (nil: no diagram).
    ///   - model: where the model came from and its kind (`tree from models/x.json`).
    ///   - data: what it was measured on.
    ///   - generator: the program that made the report.
    package static func html(
        _ metrics: ClassificationMetrics, reliability: ReliabilityTable? = nil, model: String, data: String, generator: String = "sentinel"
    ) -> String {
        var page = HTMLDocument(title: "Sentinel model evaluation")
        page.heading("Model evaluation", level: 1)
        page.paragraph("Made by \(generator). Model: \(model). Data: \(data).", className: "meta")
        page.cards([
            (Markup.percent(metrics.accuracy), "accuracy"), (String(format: "%.3f", metrics.macroF1), "macro F1"),
            (String(format: "%.3f", metrics.weightedF1), "weighted F1"), (Markup.count(metrics.total), "rows"),
            (Markup.count(metrics.classNames.count), "classes"),
        ])
        page.heading("Confusion matrix", id: "confusion")
        page.figure(
            HeatMapChart(
                id: "confusion-matrix", title: "Confusion matrix", classNames: metrics.classNames,
                matrix: metrics.confusionMatrix
            ).render(),
            caption:
                "Rows: true class; columns: predicted class; each cell: rows counted. Shade: the cell's share of its row (the diagonal is recall)."
        )
        page.heading("Per-class scores", id: "scores")
        let measures = [("precision", Palette.series[0]), ("recall", Palette.series[1]), ("F1", Palette.series[2])]
        page.figure(
            GroupedBarChart(
                id: "class-scores", title: "Precision, recall and F1 per class", categories: metrics.classNames,
                measures: measures.map { (name: $0.0, color: $0.1) },
                values: metrics.classes.map { [$0.precision, $0.recall, $0.f1] },
                notes: metrics.classes.map { "support \($0.support)" }
            ).render(),
            caption:
                "Precision: share of the class's predictions that were right; recall: share of its rows found; F1: their harmonic mean.")
        page.table(
            headers: ["class", "precision", "recall", "F1", "support"],
            rows: metrics.classes.map {
                [
                    $0.name, String(format: "%.4f", $0.precision), String(format: "%.4f", $0.recall),
                    String(format: "%.4f", $0.f1), Markup.count($0.support),
                ]
            },
            numeric: [1, 2, 3, 4])
        if let reliability {
            page.heading("Can the confidence be trusted?", id: "reliability")
            page.figure(
                ReliabilityChart(id: "reliability-diagram", title: "Reliability diagram", table: reliability).render(),
                caption:
                    "Windows binned by the confidence of their verdict; bar: the share of the bin that was right; dot: the bin's mean confidence; diagonal: a calibrated model. Bars below the diagonal (orange-red) are over-confident. \(reliability.summary) (expected calibration error: the windows' mean gap between confidence and share right)."
            )
        }
        return page.render()
    }
}
