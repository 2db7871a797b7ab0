/// A section appended to an analysis report after the built-in ones.
///
/// The extension point for text sections later modules add, passed in
/// ``AnalysisReport/Input/sections``. The planner's charts (forecast against actual load with
/// prediction intervals, replicas over time, each action as a marker with its explanation;
/// issue 6, item 5) have a page of their own: ``PlanReport``, written by `sentinel plan --html`.
package struct ReportSection: Sendable {
    /// The section's heading.
    package var title: String
    /// Paragraphs of plain text (escaped when written).
    package var paragraphs: [String]
    /// Rows of a table under the paragraphs: the first row is the header.
    package var table: [[String]]

    /// Creates a section.
    package init(title: String, paragraphs: [String] = [], table: [[String]] = []) {
        self.title = title
        self.paragraphs = paragraphs
        self.table = table
    }
}
