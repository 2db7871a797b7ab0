import Foundation

/// Turns a stream of classified windows into incident open and resolve events.
///
/// Rules, per (class, target) pair:
/// - **Open.** Attack windows of the class on the target are counted; a normal window on
///   the target breaks the count, a window of *another* attack class neither adds to nor
///   breaks it (so flicker between two attack classes does not hide either). When the
///   count reaches the class's ``IncidentPolicy/openAfter``, an incident opens; its
///   `start` is the start of the first counted window and its `windows` is the count.
/// - **Continue.** While open, every further window of the class is counted into the same
///   incident (peak confidence, offenders and key features updated); no event is emitted.
/// - **Resolve.** ``IncidentPolicy/resolveAfter`` consecutive normal windows on the target
///   resolve it; a window of the class resets that count. `end` is the end of the last
///   attack window.
/// - **Cooldown (dedup).** For ``IncidentPolicy/cooldown`` seconds after a resolve
///   (measured from the resolving window's end to the current window's end) the same pair
///   cannot open again: no open event is emitted. Attack windows are still counted, so an
///   attack that persists past the cooldown opens a new incident then, starting at its
///   first counted window; one that stops within the cooldown is never announced.
/// - Different classes, or different targets, are independent incidents.
///
/// Several events from one window come in (class, target) order.
public struct IncidentTracker: Sendable {
    /// The most offenders an incident keeps.
    public static let maxOffenders = 10

    /// The policy for classes without their own.
    public var defaultPolicy: IncidentPolicy
    /// Policies for particular classes, by class name.
    public var classPolicies: [String: IncidentPolicy]

    private let makeID: @Sendable () -> String
    private var pairs: [Pair: PairState] = [:]

    /// Creates a tracker with no history.
    /// - Parameters:
    ///   - defaultPolicy: the policy for classes not in `classPolicies`.
    ///   - classPolicies: per-class policies, by class name.
    ///   - makeID: makes incident identifiers (``IncidentID/make()``, a lower-case random
    ///     UUID that cannot come out all zeros, by default; tests inject a deterministic one).
    public init(
        defaultPolicy: IncidentPolicy = IncidentPolicy(),
        classPolicies: [String: IncidentPolicy] = [:],
        makeID: @escaping @Sendable () -> String = { IncidentID.make() }
    ) {
        self.defaultPolicy = defaultPolicy
        self.classPolicies = classPolicies
        self.makeID = makeID
    }

    /// The policy that applies to a class.
    public func policy(for className: String) -> IncidentPolicy {
        classPolicies[className] ?? defaultPolicy
    }

    /// The incidents open now, in (class, target) order.
    public var openIncidents: [Incident] {
        pairs.keys.sorted().compactMap { key in
            pairs[key].flatMap { $0.isOpen ? $0.current : nil }
        }
    }

    /// Takes back an incident that was open when the sentinel last stopped (from the store),
    /// so that a restart continues it (and later resolves it) instead of opening a second
    /// one for the same attack. No event is emitted.
    /// - Parameter lastAttackEnd: the end of its last attack window before the stop (from the
    ///   stored windows); the resolve reports it as the incident's end when no attack window
    ///   comes after the restart. Without it, `end` or else `start` is used.
    public mutating func restore(open incident: Incident, lastAttackEnd: Double? = nil) {
        var state = PairState()
        state.current = incident
        state.isOpen = true
        state.lastAttackEnd = max(lastAttackEnd ?? incident.start, incident.end ?? incident.start)
        pairs[Pair(className: incident.className, target: incident.target)] = state
    }

    /// Feeds one window; returns the events it causes (usually none).
    public mutating func observe(window: WindowObservation) -> [IncidentEvent] {
        if window.isAttack {
            return observeAttack(window).map { [$0] } ?? []
        }
        return observeNormal(window)
    }

    private mutating func observeAttack(_ window: WindowObservation) -> IncidentEvent? {
        let key = Pair(className: window.className, target: window.target)
        let policy = policy(for: window.className)
        var state = pairs[key] ?? PairState()
        state.normalRun = 0
        var incident =
            state.current
            ?? Incident(
                id: "", className: window.className, target: window.target, start: window.start,
                windows: 0, peakConfidence: -.infinity, offenders: [], keyFeatures: [:])
        incident.windows += 1
        if window.confidence > incident.peakConfidence || incident.windows == 1 {
            incident.peakConfidence = window.confidence
            incident.keyFeatures = window.keyFeatures
        }
        for offender in window.topOffenders where incident.offenders.count < Self.maxOffenders {
            if !incident.offenders.contains(offender) { incident.offenders.append(offender) }
        }
        state.lastAttackEnd = window.end
        var event: IncidentEvent?
        if !state.isOpen, incident.windows >= policy.openAfter,
            !state.inCooldown(at: window.end, cooldown: policy.cooldown)
        {
            incident.id = makeID()
            state.isOpen = true
            event = .opened(incident)
        }
        state.current = incident
        pairs[key] = state
        return event
    }

    private mutating func observeNormal(_ window: WindowObservation) -> [IncidentEvent] {
        var events: [IncidentEvent] = []
        for key in pairs.keys.sorted() where key.target == window.target {
            guard var state = pairs[key] else { continue }
            let policy = policy(for: key.className)
            if state.isOpen, var incident = state.current {
                state.normalRun += 1
                if state.normalRun >= policy.resolveAfter {
                    incident.end = state.lastAttackEnd
                    events.append(.resolved(incident))
                    state = PairState(resolvedAt: window.end)
                }
            } else {
                state.current = nil
            }
            // Forget pairs with nothing open, counted or cooling down, so memory stays bounded.
            if !state.isOpen, state.current == nil, !state.inCooldown(at: window.end, cooldown: policy.cooldown) {
                pairs[key] = nil
            } else {
                pairs[key] = state
            }
        }
        return events
    }
}

/// A (class, target) pair, the unit incidents are kept and deduplicated by.
private struct Pair: Hashable, Comparable {
    var className: String
    var target: String

    static func < (lhs: Pair, rhs: Pair) -> Bool {
        (lhs.className, lhs.target) < (rhs.className, rhs.target)
    }
}

/// What the tracker remembers about one pair.
private struct PairState: Sendable {
    /// The counted run (not yet open) or the open incident.
    var current: Incident?
    var isOpen = false
    var normalRun = 0
    var lastAttackEnd: Double = 0
    /// When the last incident of the pair was resolved.
    var resolvedAt: Double?

    init(resolvedAt: Double? = nil) { self.resolvedAt = resolvedAt }

    func inCooldown(at time: Double, cooldown: Double) -> Bool {
        guard let resolvedAt else { return false }
        return time - resolvedAt < cooldown
    }
}
