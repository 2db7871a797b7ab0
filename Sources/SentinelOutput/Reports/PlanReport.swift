import SentinelCore
import SentinelPlanner

/// The HTML report of `sentinel plan --html`: a load trace replayed through the forecasting
/// planner and a reactive HPA — forecast against actual legitimate load with prediction
/// intervals, attack load and ready capacity, replicas of both strategies with each planner
/// action as a marker explained on hover, verdict bands from the trace's labels, and the
/// comparison table. One self-contained page.
package enum PlanReport {
    /// Most points drawn per chart before rows are grouped (mean and min–max per group).
    package static let defaultMaxPoints = 1500

    /// Most actions listed in the actions table (all are drawn on the chart).
    static let listedActions = 300

    /// The page.
    /// - Parameter maxPoints: most points per chart; more rows are grouped into buckets.
    package static func html(_ input: Input, maxPoints: Int = defaultMaxPoints) -> String {
        var page = HTMLDocument(title: input.title)
        page.heading(input.title, level: 1)
        page.paragraph(
            "Made by \(input.generator). Trace: \(input.traceName). Times are UTC. Hover a chart for the values of a point, "
                + "an action marker for its explanation.", className: "meta")
        overview(&page, input)
        comparison(&page, input)
        charts(&page, input, maxPoints: maxPoints)
        actions(&page, input.planner.plannedActions)
        return page.render()
    }

    static func overview(_ page: inout HTMLDocument, _ input: Input) {
        let rows = input.trace.rows
        if let first = rows.first, let last = rows.last {
            page.paragraph(
                "\(TimeFormat.dateTime(first.time)) → \(TimeFormat.dateTime(last.time + input.trace.step)) UTC", className: "meta")
        }
        let attackRows = rows.filter { $0.attack > 0 }.count
        page.cards([
            (Markup.count(rows.count), "rows of \(Markup.compact(input.trace.step)) s"),
            (TimeFormat.duration(Double(rows.count) * input.trace.step), "duration"),
            (Markup.count(attackRows), "rows with attack load"),
            (Markup.count(input.planner.plannedActions.count), "planner actions"),
        ])
        if !input.settings.isEmpty { page.paragraph(input.settings, className: "meta") }
    }

    /// The scores of both strategies side by side.
    static func comparison(_ page: inout HTMLDocument, _ input: Input) {
        page.heading("Planner against reactive HPA", id: "comparison")
        let p = input.planner, r = input.reactive
        func whole(_ value: Double) -> String { Markup.count(Int(value.rounded())) }
        page.table(
            headers: ["", p.name, r.name],
            rows: [
                ["SLO-violation rows (admitted load above ready capacity)", Markup.count(p.sloViolations), Markup.count(r.sloViolations)],
                ["replica-minutes (cost)", whole(p.replicaMinutes), whole(r.replicaMinutes)],
                ["attack requests admitted", whole(p.attackAdmitted), whole(r.attackAdmitted)],
                ["legitimate requests blocked", whole(p.legitimateBlocked), whole(r.legitimateBlocked)],
                ["peak replicas", Markup.count(p.peakReplicas), Markup.count(r.peakReplicas)],
                ["actions", Markup.count(p.actions), Markup.count(r.actions)],
            ], numeric: [1, 2])
    }

    /// The planner's actions as a table (the first ``listedActions``).
    static func actions(_ page: inout HTMLDocument, _ actions: [PlannedAction]) {
        page.heading("Planner actions", id: "actions")
        guard !actions.isEmpty else { page.paragraph("The planner took no action.", className: "note"); return }
        page.table(
            headers: ["time (UTC)", "action", "target", "rule", "explanation"],
            rows: actions.prefix(listedActions).map { [TimeFormat.dateTime($0.time), actionLabel($0), $0.target, $0.rule, $0.explanation] })
        if actions.count > listedActions {
            page.paragraph(
                "The first \(listedActions) of \(Markup.count(actions.count)) actions; all are marked on the replicas chart.",
                className: "note")
        }
    }

    /// `scale 2 → 3`, `block`, `rate-limit 10/s`, `lift`.
    static func actionLabel(_ action: PlannedAction) -> String {
        switch action.kind {
        case let .scale(_, to): return action.replicasBefore.map { "scale \($0) → \(to)" } ?? "scale to \(to)"
        case let .rateLimit(_, rate): return "rate-limit \(Markup.compact(rate))/s"
        case .block, .unblock, .liftRateLimit: return action.kindName
        case let .setServerState(_, state): return "server \(state)"
        case let .setServerWeight(_, weight): return "server weight \(weight)"
        }
    }
}
