import Foundation

/// Compact rates for people: 12.3 k, 4.56 M.
enum HumanRate {
    static func rows(_ value: Double) -> String {
        switch value {
        case 1e6...: return String(format: "%.2f M", value / 1e6)
        case 1e3...: return String(format: "%.1f k", value / 1e3)
        default: return String(format: "%.0f", value)
        }
    }
}
