import Foundation
import SentinelLearning
import Testing

/// Model files mutated the way issue 16's fuzzing found them trapping: each is refused with
/// ``ModelError/invalid(path:reason:)`` naming the file and the field, never a trap.
@Suite("Damaged model files")
struct DamagedModelFileTests {
    /// A small ensemble (naive Bayes, tree and network) as a JSON object to damage.
    static func ensembleObject() throws -> [String: Any] {
        let model = try ModelTrainer.fit(
            try DetectionModelTests.blobs(), plan: DetectionModelTests.plan(.ensemble),
            metadata: DetectionModelTests.metadata())
        return try #require(try JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
    }

    /// Applies `change` at the dotted `path` of `object` (array indices as numbers).
    static func mutate(_ object: Any, _ path: ArraySlice<String>, _ change: (Any?) -> Any?) -> Any? {
        guard let key = path.first else { return change(object) }
        if var dictionary = object as? [String: Any] {
            dictionary[key] = mutate(dictionary[key] as Any, path.dropFirst(), change)
            return dictionary
        }
        if var array = object as? [Any], let index = Int(key) {
            array[index] = mutate(array[index], path.dropFirst(), change) as Any
            return array
        }
        return object
    }

    static func decode(_ object: Any?) throws -> ModelError? {
        let data = try JSONSerialization.data(withJSONObject: object as Any)
        do {
            _ = try DetectionModel.decode(data, path: "damaged.json")
            return nil
        } catch {
            return error
        }
    }

    struct Damage: Sendable, CustomStringConvertible {
        var path: String
        var field: String
        var change: @Sendable (Any?) -> Any?
        var description: String { path }
    }

    static let damages: [Damage] = [
        // Counts of 2^62: the products that size arrays must not trap.
        Damage(path: "classifier.naiveBayes.featureCount", field: "featureCount") { _ in 1 << 62 },
        Damage(path: "classifier.naiveBayes.classCount", field: "naiveBayes") { _ in 1 << 62 },
        Damage(path: "classifier.network.layerSizes.0", field: "layerSizes") { _ in 1 << 62 },
        Damage(path: "classifier.network.layerSizes.1", field: "layerSizes") { _ in 1 << 62 },
        // Arrays shorter than the classes or features they describe.
        Damage(path: "classifier.naiveBayes.means", field: "means") { Array(($0 as! [Any]).dropLast()) },
        Damage(path: "classifier.naiveBayes.variances", field: "variances") { Array(($0 as! [Any]).dropLast()) },
        Damage(path: "classifier.naiveBayes.classPriors", field: "classPriors") { Array(($0 as! [Any]).dropLast()) },
        Damage(path: "classifier.naiveBayes.classCounts", field: "classCounts") { Array(($0 as! [Any]).dropLast()) },
        Damage(path: "classifier.naiveBayes.variances.0", field: "variances") { _ in -1.0 },
        Damage(path: "preprocessing.scaler.standardDeviations", field: "standardDeviations") {
            Array(($0 as! [Any]).dropLast())
        },
        Damage(path: "preprocessing.scaler.means", field: "standardDeviations") { ($0 as! [Any]) + [0.5] },
        // Members that disagree with each other.
        Damage(path: "classifier.naiveBayes", field: "classifier") { value in
            var nb = value as! [String: Any]
            nb["featureCount"] = 2
            nb["means"] = (nb["means"] as! [Any]).prefix(6).map { $0 }
            nb["variances"] = (nb["variances"] as! [Any]).prefix(6).map { $0 }
            return nb
        },
        // A held-out confusion-matrix cell of Int.max: its sums would overflow.
        Damage(path: "metadata.held_out_metrics", field: "confusion_matrix") { _ in
            [
                "class_names": ["normal", "flood", "scan"],
                "confusion_matrix": [[Int.max, 0, 0], [0, 1, 0], [0, 0, 1]],
            ] as [String: Any]
        },
        Damage(path: "metadata.held_out_metrics", field: "confusion_matrix") { _ in
            [
                "class_names": ["normal", "flood", "scan"],
                "confusion_matrix": [[1, 0, 0], [Int.max, 1, 0], [0, Int.max, 1]],
            ] as [String: Any]
        },
    ]

    @Test("a damaged count, length or cell is refused naming the file and the field", arguments: damages)
    func refused(damage: Damage) throws {
        let object = try Self.ensembleObject()
        let damaged = Self.mutate(object, damage.path.split(separator: ".").map(String.init)[...], damage.change)
        let error = try Self.decode(damaged)
        guard case .invalid(let path, let reason) = error else {
            Issue.record("\(damage.path): expected an invalid model, got \(String(describing: error))")
            return
        }
        #expect(path == "damaged.json")
        #expect(reason.contains(damage.field), "\(damage.path): \(reason)")
        #expect(error?.description.hasPrefix("damaged.json: invalid model: ") == true)
    }

    @Test("the undamaged object still loads (the mutations above are the only fault)")
    func undamaged() throws {
        #expect(try Self.decode(try Self.ensembleObject()) == nil)
    }

    @Test("metrics refuse a total beyond 2^53 rows instead of overflowing")
    func metricsOverflow() {
        #expect(throws: MetricsError.countTooLarge(row: 0, column: 0)) {
            try ClassificationMetrics(confusionMatrix: [[Int.max, 0], [0, 1]], classNames: ["a", "b"])
        }
        #expect(throws: MetricsError.countTooLarge(row: 1, column: 1)) {
            try ClassificationMetrics(confusionMatrix: [[1 << 52, 0], [0, 1 << 52 + 1]], classNames: ["a", "b"])
        }
    }
}
