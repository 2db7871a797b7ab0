/// One legend entry.
struct LegendEntry {
    /// How the swatch is drawn.
    enum Style { case swatch, line, dashed, dot }
    /// The name shown.
    var name: String
    /// Its colour.
    var color: String
    /// The swatch style.
    var style: Style = .swatch
    /// The swatch's fill opacity.
    var opacity: Double? = nil
}
