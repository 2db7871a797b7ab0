import ArgumentParser

/// How `incidents` and `alerts` print their lists.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// One JSON object for programs.
    case json
}
