import SentinelFeatures

/// The feature tables of `docs/features.md`, generated from the feature lists themselves so
/// the documentation cannot drift (a test checks that document against this).
package enum FeatureDocumentation {
    /// Markdown table of every ``WindowFeature``.
    package static var windowTable: String {
        var out = "| name | unit | meaning |\n| --- | --- | --- |\n"
        for f in WindowFeature.allCases { out += "| `\(f.name)` | \(f.unit) | \(f.meaning) |\n" }
        return out
    }

    /// Markdown table of every ``FlowFeature`` with its CICFlowMeter counterpart.
    package static var flowTable: String {
        var out = "| name | unit | meaning | CICFlowMeter column |\n| --- | --- | --- | --- |\n"
        for f in FlowFeature.allCases {
            out += "| `\(f.name)` | \(f.unit) | \(f.meaning) | \(f.cicFlowMeterColumn ?? "—") |\n"
        }
        return out
    }

    /// Markdown table of every ``LogWindowFeature``.
    package static var logWindowTable: String {
        var out = "| name | unit | meaning |\n| --- | --- | --- |\n"
        for f in LogWindowFeature.allCases { out += "| `\(f.name)` | \(f.unit) | \(f.meaning) |\n" }
        return out
    }
}
