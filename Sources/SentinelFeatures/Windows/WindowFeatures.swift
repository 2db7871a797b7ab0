/// The values of every ``WindowFeature`` for one window, in `WindowFeature.allCases` order.
public struct WindowFeatures: Sendable, Equatable {
    /// Values indexed by `WindowFeature.rawValue`.
    public var values: [Double]

    /// All zeros.
    public init() {
        values = [Double](repeating: 0, count: WindowFeature.allCases.count)
    }

    /// The value of one feature.
    public subscript(feature: WindowFeature) -> Double {
        get { values[feature.rawValue] }
        set { values[feature.rawValue] = newValue }
    }

    /// The feature names in column order.
    public static var names: [String] { WindowFeature.allCases.map(\.name) }
}
