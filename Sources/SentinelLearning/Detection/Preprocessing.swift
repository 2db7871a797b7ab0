/// What a model does to a raw feature row before its classifier sees it: a fixed
/// ``FeatureTransform``, then standardisation fitted on the training rows only.
public struct Preprocessing: Sendable, Equatable, Codable {
    /// The transform applied first.
    public let transform: FeatureTransform
    /// The scaler fitted on the transformed training rows.
    public let scaler: StandardScaler

    /// Creates preprocessing from known parts (read from a model file).
    public init(transform: FeatureTransform, scaler: StandardScaler) {
        self.transform = transform
        self.scaler = scaler
    }

    /// Fits the scaler on `training` after `transform`.
    public init(fitting training: Dataset, transform: FeatureTransform) {
        self.transform = transform
        self.scaler = StandardScaler(fitting: Self.transformed(training, transform))
    }

    /// The number of features.
    public var featureCount: Int { scaler.columnCount }

    /// One raw row, transformed and scaled.
    public func apply<Row: Collection<Float>>(_ row: Row) -> [Float] {
        apply(values: Array(row))
    }

    private func apply(values: [Float]) -> [Float] {
        var result = values
        let means = scaler.means, deviations = scaler.standardDeviations
        for i in result.indices {
            let std = deviations[i]
            result[i] = std == 0 ? 0 : Float((Double(transform.apply(values[i])) - means[i]) / std)
        }
        return result
    }

    /// Every row of a raw dataset, transformed and scaled (names and labels kept).
    public func apply(_ dataset: Dataset) -> Dataset {
        scaler.transform(Self.transformed(dataset, transform))
    }

    /// The raw value behind a scaled value of `feature` (the inverse of `apply`).
    public func rawValue(scaled: Double, feature: Int) -> Double {
        transform.invert(scaled * scaler.standardDeviations[feature] + scaler.means[feature])
    }

    private static func transformed(_ dataset: Dataset, _ transform: FeatureTransform) -> Dataset {
        transform == .none ? dataset : dataset.replacingValues(dataset.values.map { transform.apply($0) })
    }
}
