import Foundation

/// JSON objects the commands print or write, read back for the tests' expectations.
enum JSONObject {
    /// `data` read as a JSON object (nil when it is JSON but not an object).
    /// - Throws: when it is not JSON.
    static func read(_ data: Data) throws -> [String: Any]? {
        try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    /// The file at `path` read as a JSON object (see ``read(_:)``).
    /// - Throws: when it cannot be read or is not JSON.
    static func read(file path: String) throws -> [String: Any]? {
        try read(Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
