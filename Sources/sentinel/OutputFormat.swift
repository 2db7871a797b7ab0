import ArgumentParser

/// Output formats of `analyze` and `watch`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// A report for people.
    case text
    /// `{"summary": …, "windows": […]}` (watch: one JSON object per window per line).
    case json
    /// The windows CSV: `start,end,` then the features.
    case csv
}
