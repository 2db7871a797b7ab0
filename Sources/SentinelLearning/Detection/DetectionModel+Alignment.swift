extension DetectionModel {
    /// Reorders a dataset's columns into the model's feature order.
    ///
    /// A one-hot column (`column=category`) of a categorical column the model knows may be
    /// absent: that category did not occur in the data, so its value is 0. Any other missing
    /// feature is an error naming every missing and extra feature. Extra features the model
    /// does not read are left out (see ``extraFeatures(in:)``).
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)``.
    public func align(_ dataset: Dataset) throws(ModelError) -> Dataset {
        let sources = try columnMapping(from: dataset.featureNames)
        if dataset.featureNames == featureNames { return dataset }
        do {
            return try dataset.selecting(columns: sources, featureNames: featureNames)
        } catch {
            throw .invalid(path: "-", reason: "\(error)")
        }
    }

    /// Features of the data the model does not read (one-hot categories it never saw included).
    public func extraFeatures(in names: [String]) -> [String] {
        let known = Set(featureNames)
        return names.filter { !known.contains($0) }
    }

    /// The positions in `names` of the model's features, for reading rows straight from a
    /// feature vector (such as a window's); nil entries are absent one-hot columns.
    /// - Throws: ``ModelError/featureMismatch(missing:extra:)``.
    public func columnMapping(from names: [String]) throws(ModelError) -> [Int?] {
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let oneHot = Set(csvSchema?.encodings.flatMap { e in e.categories.map { "\(e.column)=\($0)" } } ?? [])
        let missing = featureNames.filter { position[$0] == nil && !oneHot.contains($0) }
        guard missing.isEmpty else { throw .featureMismatch(missing: missing, extra: extraFeatures(in: names)) }
        return featureNames.map { position[$0] }
    }
}
