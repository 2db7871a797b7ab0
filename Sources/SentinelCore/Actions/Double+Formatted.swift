extension Double {
    /// `10` rather than `10.0`; other values as Swift prints them.
    package var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
