import ArgumentParser

/// How `train` and `evaluate` print metrics.
enum MetricsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
