import Foundation
import SentinelForecast
import SentinelOutput
import SentinelPlanner
import SentinelTestSupport
import Testing

/// The plan report of `rules/traces/flood.csv`, simulated as `sentinel plan` does by default,
/// saved to a file and read back.
@Suite("The plan report")
struct PlanReportTests {
    struct Fixture {
        var trace: LoadTrace
        var planner: StrategyResult
        var reactive: StrategyResult
        var html: String
    }

    static let policy: PlannerPolicy = {
        var scale = ScalePolicy(target: "service", capacityPerReplica: 100)
        scale.maxReplicas = 20
        scale.horizon = 2
        var policy = PlannerPolicy()
        policy.scale = scale
        policy.season = 144
        return policy
    }()

    static let fixture: Fixture = {
        let trace = try! LoadTrace(path: SharedData.packageRoot + "/rules/traces/flood.csv")
        var simulation = TraceSimulation(policy: policy, provisioningDelay: 1)
        simulation.recordsForecast = true
        let (planner, reactive) = simulation.run(trace, forecaster: HoltWinters())
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("plan.html")
        try! ReportFile.write(
            PlanReport.html(
                PlanReport.Input(
                    traceName: "rules/traces/flood.csv", trace: trace, planner: planner,
                    reactive: reactive)), to: path)
        return Fixture(trace: trace, planner: planner, reactive: reactive, html: try! String(contentsOfFile: path, encoding: .utf8))
    }()

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    @Test("three well-formed SVG charts with the forecast, its interval, attack load, capacity and both strategies' replicas")
    func series() throws {
        let html = Self.fixture.html
        let svgs = ReportFixture.svgs(in: html)
        #expect(
            ReportFixture.attributeValues("id", in: html).filter {
                $0.hasPrefix("plan-") && !$0.hasSuffix("-title") && !$0.hasSuffix("-desc")
            }
                == ["plan-forecast", "plan-capacity", "plan-replicas"])
        #expect(svgs.count == 3)
        for svg in svgs { #expect(ReportFixture.xmlError(svg) == nil) }
        let names = Set(ReportFixture.attributeValues("data-series", in: html))
        for name in [
            "actual legitimate load", "forecast (planner, one step ahead)", "forecast (planner, one step ahead) envelope",
            "attack load offered", "attack admitted (planner)", "ready capacity (planner)", "ready capacity (reactive HPA)",
            "replicas (planner)", "replicas (reactive HPA)",
        ] {
            #expect(names.contains(name), "missing series \(name)")
        }
        for legend in ["95 % prediction interval", "verdict: http_flood", "action: scale", "action: block", "action: lift"] {
            #expect(html.contains(">\(legend)</text>"), "missing legend \(legend)")
        }
        #expect(ReportFixture.attributeValues("data-verdict", in: html).contains("http_flood"))
    }

    @Test("each planner action is a marker whose tooltip is its explanation")
    func markers() throws {
        let (html, actions) = (Self.fixture.html, Self.fixture.planner.plannedActions)
        #expect(actions.count == Self.fixture.planner.actions)
        #expect(Set(actions.map(\.kindName)).isSuperset(of: ["scale", "block", "lift"]))
        let kinds = ReportFixture.attributeValues("data-kind", in: html)
        #expect(kinds == actions.map(\.kindName))
        let circles = html.components(separatedBy: "<circle ").dropFirst().filter { $0.contains("data-kind=") }
        #expect(circles.count == actions.count)
        for (circle, action) in zip(circles, actions) {
            #expect(circle.contains(Self.escaped(action.explanation) + "</title></circle>"), "\(action.id)")
        }
    }

    @Test("the forecast has a row per trace row with an interval around it, fitted once the history allows")
    func forecast() throws {
        let planner = Self.fixture.planner
        #expect(planner.forecast.count == Self.fixture.trace.rows.count)
        #expect(planner.forecast.first! == nil)
        let fitted = planner.forecast.compactMap { $0 }.filter(\.fitted)
        #expect(fitted.count >= 100, "HW needs 2 × 144 + 2 rows")
        for row in planner.forecast.compactMap({ $0 }) {
            if let lower = row.lower, let upper = row.upper { #expect(lower <= row.value && row.value <= upper) }
        }
        #expect(fitted.allSatisfy { $0.lower != nil })
        #expect(planner.readyCapacity.count == Self.fixture.trace.rows.count)
        #expect(Self.fixture.reactive.admittedAttack.reduce(0, +) * Self.fixture.trace.step == Self.fixture.reactive.attackAdmitted)
    }

    @Test("recording the forecast changes none of the planner's decisions or scores")
    func unchangedDecisions() throws {
        let (planner, reactive) = TraceSimulation(policy: Self.policy, provisioningDelay: 1).run(
            Self.fixture.trace, forecaster: HoltWinters())
        var recorded = Self.fixture.planner
        #expect(!recorded.forecast.isEmpty)
        recorded.forecast = []
        #expect(recorded == planner)
        #expect(reactive == Self.fixture.reactive)
    }

    @Test("the comparison table holds both strategies' figures")
    func comparison() throws {
        let (html, p, r) = (Self.fixture.html, Self.fixture.planner, Self.fixture.reactive)
        #expect(p.attackAdmitted < r.attackAdmitted)
        #expect(p.peakReplicas < r.peakReplicas)
        for (label, a, b) in [
            ("SLO-violation rows", Double(p.sloViolations), Double(r.sloViolations)),
            ("replica-minutes", p.replicaMinutes, r.replicaMinutes),
            ("attack requests admitted", p.attackAdmitted, r.attackAdmitted),
            ("legitimate requests blocked", p.legitimateBlocked, r.legitimateBlocked),
        ] {
            #expect(html.contains("<td>\(label)"), "\(label)")
            #expect(html.contains("<td class=\"num\">\(Self.grouped(a))</td><td class=\"num\">\(Self.grouped(b))</td>"), "\(label)")
        }
    }

    @Test("self-contained: no script, nothing fetched")
    func selfContained() {
        let html = Self.fixture.html
        #expect(!html.contains("<script"))
        for attribute in ["src", "href"] {
            #expect(ReportFixture.attributeValues(attribute, in: html).allSatisfy { !$0.contains("://") })
        }
        #expect(html.components(separatedBy: "://").count - 1 == ReportFixture.svgs(in: html).count, "only the SVG namespaces")
    }
}
