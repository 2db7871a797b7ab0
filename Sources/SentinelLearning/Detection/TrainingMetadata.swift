/// Where and how a model was trained, kept in its file for the people who use it later.
public struct TrainingMetadata: Sendable, Equatable, Codable {
    /// The data the model learnt from (capture folders or CSV files, as given).
    public var sources: [String]
    /// When it was trained, ISO 8601 UTC (from `SOURCE_DATE_EPOCH` when set, for reproducible files).
    public var created: String
    /// The program that trained it, such as `sentinel 0.2.0`.
    public var trainer: String
    /// The seed of the split and of the network.
    public var seed: UInt64
    /// How the held-out rows were chosen, such as `stratified 25 % of windows`.
    public var split: String
    /// Rows the model was fitted on.
    public var trainingRows: Int
    /// Rows held out for ``heldOutMetrics``.
    public var testRows: Int
    /// Rows per class over all the data.
    public var classCounts: [String: Int]
    /// Metrics on the held-out rows (nil when nothing was held out).
    public var heldOutMetrics: ClassificationMetrics?
    /// Free-form notes (leave-one-file-out results, dropped rows).
    public var notes: [String]

    /// Creates metadata.
    public init(
        sources: [String], created: String, trainer: String, seed: UInt64, split: String,
        trainingRows: Int, testRows: Int, classCounts: [String: Int],
        heldOutMetrics: ClassificationMetrics? = nil, notes: [String] = []
    ) {
        self.sources = sources
        self.created = created
        self.trainer = trainer
        self.seed = seed
        self.split = split
        self.trainingRows = trainingRows
        self.testRows = testRows
        self.classCounts = classCounts
        self.heldOutMetrics = heldOutMetrics
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case sources, created, trainer, seed, split, notes
        case trainingRows = "training_rows"
        case testRows = "test_rows"
        case classCounts = "class_counts"
        case heldOutMetrics = "held_out_metrics"
    }
}
