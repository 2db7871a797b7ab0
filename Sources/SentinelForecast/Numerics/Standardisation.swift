/// The mean and standard deviation (population) a series is standardised with before a neural
/// network sees it; a constant series keeps scale 1.
struct Standardisation: Sendable {
    let mean: Double
    let scale: Double

    init(_ y: [Double]) {
        let mean = y.reduce(0, +) / Double(y.count)
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)
        self.mean = mean
        scale = variance > 0 ? variance.squareRoot() : 1
    }

    /// The standardised values.
    func apply(_ y: [Double]) -> [Double] { y.map { ($0 - mean) / scale } }
}
