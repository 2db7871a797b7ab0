/// The class names every module speaks: what a window was judged to be.
///
/// Models may learn any class names from their labelled data; these are the ones the code
/// itself treats specially. Defined here once; the other modules refer to them.
public enum ClassLabel {
    /// Ordinary traffic: the class that is never an attack, never alerted, never enforced.
    public static let normal = "normal"
    /// Unusual for the site (its own baseline says so) but not confidently any attack class:
    /// reported and alerted at a lower severity, never enforced.
    public static let unknownAnomaly = "unknown_anomaly"
}
