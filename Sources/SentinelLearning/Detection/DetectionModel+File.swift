import Foundation
import SentinelCore

extension DetectionModel: Codable {
    enum CodingKeys: String, CodingKey {
        case format, version, kind, classifier, metadata
        case featureNames = "feature_names"
        case classNames = "class_names"
        case preprocessing
        case csvSchema = "csv"
        case minimumAttackConfidence = "min_attack_confidence"
        case calibration
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(ModelKind.self, forKey: .kind)
        do {
            try self.init(
                featureNames: try container.decode([String].self, forKey: .featureNames),
                classNames: try container.decode([String].self, forKey: .classNames),
                preprocessing: try container.decode(Preprocessing.self, forKey: .preprocessing),
                classifier: try ClassifierModel.decode(kind: kind, from: container),
                metadata: try container.decode(TrainingMetadata.self, forKey: .metadata),
                csvSchema: try container.decodeIfPresent(CSVSchema.self, forKey: .csvSchema))
            minimumAttackConfidence = try container.decodeIfPresent(Double.self, forKey: .minimumAttackConfidence) ?? 0
            calibration = try container.decodeIfPresent(TemperatureCalibration.self, forKey: .calibration)
            if let t = calibration?.temperature, !(t.isFinite && t > 0 && t <= 1_000) {
                throw ModelError.invalid(path: "-", reason: "calibration.temperature must be more than 0 and at most 1000, not \(t)")
            }
        } catch let error as ModelError {
            guard case .invalid(_, let reason) = error else { throw error }
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatName, forKey: .format)
        try container.encode(Self.formatVersion, forKey: .version)
        try container.encode(kind, forKey: .kind)
        try container.encode(featureNames, forKey: .featureNames)
        try container.encode(classNames, forKey: .classNames)
        try container.encode(preprocessing, forKey: .preprocessing)
        try classifier.encode(to: &container)
        try container.encode(metadata, forKey: .metadata)
        try container.encodeIfPresent(csvSchema, forKey: .csvSchema)
        try container.encode(minimumAttackConfidence, forKey: .minimumAttackConfidence)
        try container.encodeIfPresent(calibration, forKey: .calibration)
    }

    /// The model as JSON text: sorted keys, so equal models give equal bytes.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Every part is plain numbers, strings and arrays of them: encoding cannot fail.
        return try! encoder.encode(self)
    }

    /// Writes the model to `path` (atomically: a reader never sees half a file).
    public func save(to path: String) throws(ModelError) {
        do {
            try jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Reads a model file.
    /// - Throws: ``ModelError`` saying whether the file is unreadable, not JSON, not a model,
    ///   of another format version, or inconsistent (and where).
    public static func load(path: String) throws(ModelError) -> DetectionModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: (error as NSError).localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// Reads a model from JSON bytes; `path` only names the source in errors.
    public static func decode(_ data: Data, path: String) throws(ModelError) -> DetectionModel {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .notJSON(path: path, reason: (error as NSError).localizedDescription)
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: data), header.format == formatName else {
            throw .notAModel(path: path)
        }
        guard let version = header.version else { throw .invalid(path: path, reason: "no \"version\" field") }
        guard version == formatVersion else {
            throw .unsupportedVersion(path: path, found: version, supported: formatVersion)
        }
        do {
            return try decoder.decode(DetectionModel.self, from: data)
        } catch let error as DecodingError {
            throw .invalid(path: path, reason: error.summary)
        } catch {
            throw .invalid(path: path, reason: "\(error)")
        }
    }
}
