/// Why a method could not forecast.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The history is shorter than the method needs.
    case tooShort(method: String, points: Int, needed: Int)
    /// The fit failed (a singular system, values a multiplicative model cannot take …).
    case fitFailed(method: String, reason: String)
    /// A setting is out of range.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case let .tooShort(method, points, needed):
            return "\(method): \(points) points of history, needs at least \(needed)"
        case let .fitFailed(method, reason):
            return "\(method): fit failed: \(reason)"
        case let .invalidSetting(text):
            return text
        }
    }
}
