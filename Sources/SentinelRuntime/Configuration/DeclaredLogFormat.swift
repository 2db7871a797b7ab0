import Foundation
import Yams

extension SentinelConfiguration {
    /// The `log.format` a configuration file asks for, read on its own: so `sentinel run` can
    /// write a start-up failure in that format even when the rest of the file is refused
    /// (nil when the file cannot be read, is not YAML, or does not say).
    package static func declaredLogFormat(path: String) -> OperatorLogFormat? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
            let root = try? Yams.compose(yaml: text), let format = root["log"]?["format"]?.string
        else { return nil }
        return OperatorLogFormat(rawValue: format.lowercased())
    }
}
