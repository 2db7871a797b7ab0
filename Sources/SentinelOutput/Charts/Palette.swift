import SentinelCore

/// Colour-blind-safe colours (Okabe & Ito, 2008) that read on light and dark backgrounds.
package enum Palette {
    /// Vermillion, blue, orange, bluish green, reddish purple, sky blue, yellow.
    static let qualitative = ["#D55E00", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442"]
    /// The colour of the `normal` class: a neutral grey.
    static let normal = "#8C8C8C"
    /// Colours of numeric series (distinct from the verdict colours by being drawn as lines).
    static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]

    /// The colour of each class, `normal` grey and the others in `classNames` order.
    static func classColors(_ classNames: [String], normal normalName: String = ClassLabel.normal) -> [String: String] {
        var colors: [String: String] = [:]
        var next = 0
        for name in classNames {
            if name == normalName {
                colors[name] = normal
            } else {
                colors[name] = qualitative[next % qualitative.count]
                next += 1
            }
        }
        return colors
    }
}
