import Foundation
import SentinelForecast
import SentinelPlanner
import SentinelTestSupport
import Testing

@Suite("Load traces and the plan simulation")
struct TraceSimulationTests {
    @Test(
        "bad traces: every problem names the line",
        arguments: [
            ("time,legit\n0,1\n", "t.csv:1: the header must name time,legit,attack[,label]; 'attack' is missing"),
            ("time,legit,attack\n0,1,0\n60,x,0\n", "t.csv:3: legit must be a finite number, not 'x'"),
            ("time,legit,attack\n0,1,0\n60,nan,0\n", "t.csv:3: legit must be a finite number, not 'nan'"),
            ("time,legit,attack\n0,1,0\n60,-1,0\n", "t.csv:3: loads cannot be negative"),
            ("time,legit,attack\n0,1,0\n60,1,0\n60,1,0\n", "t.csv:4: duplicate time 60.0"),
            ("time,legit,attack\n0,1,0\n60,1,0\n30,1,0\n", "t.csv:4: time 30.0 is before the previous row's 60.0: sort the trace"),
            (
                "time,legit,attack\n0,1,0\n60,1,0\n180,1,0\n",
                "t.csv:4: rows must be evenly spaced (60.0 s, as the first two); a gap or jump to time 180.0"
            ),
            ("time,legit,attack\n0,1,0\n", "t.csv: a trace needs at least two rows"),
        ])
    func badTraces(_ text: String, _ message: String) {
        #expect(throws: LoadTrace.ParseError.self) { try LoadTrace(text: text, path: "t.csv") }
        do {
            _ = try LoadTrace(text: text, path: "t.csv")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("labels default to normal, or http_flood where attack load is present")
    func labels() throws {
        let trace = try LoadTrace(text: "# comment\ntime,legit,attack,label\n0,10,0,\n60,10,5,\n120,10,0,syn_flood\n")
        #expect(trace.rows.map(\.label) == ["normal", "http_flood", "syn_flood"])
        #expect(trace.step == 60)
    }

    @Test("a trace with CRLF line ends reads like one with LF")
    func crlf() throws {
        let lf = "time,legit,attack,label\n0,10,0,\n60,12,5,\n120,11,0,syn_flood\n"
        let a = try LoadTrace(text: lf)
        let b = try LoadTrace(text: lf.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(a.rows.count == 3)
        #expect(b.rows.map(\.label) == a.rows.map(\.label))
        #expect(b.rows.map(\.legit) == a.rows.map(\.legit))
    }

    static func policy(capacity: Double = 100) -> PlannerPolicy {
        var policy = PlannerPolicy()
        var scale = ScalePolicy(target: "web", capacityPerReplica: capacity)
        scale.maxReplicas = 20
        scale.horizon = 2
        policy.scale = scale
        return policy
    }

    @Test("a flood: the planner blocks it after one row and buys no servers; the reactive HPA scales for it and admits it all")
    func flood() throws {
        var text = "time,legit,attack,label\n"
        for i in 0..<40 { text += "\(i * 60),100,\(i >= 20 && i < 30 ? 2_000 : 0),\(i >= 20 && i < 30 ? "http_flood" : "normal")\n" }
        let (planner, reactive) = TraceSimulation(policy: Self.policy(), provisioningDelay: 1)
            .run(try LoadTrace(text: text), forecaster: SeasonalNaive())
        #expect(planner.attackAdmitted == 2_000 * 60, "only the first attack row gets through")
        #expect(reactive.attackAdmitted == 10 * 2_000 * 60)
        #expect(planner.peakReplicas == 2, "100 req/s ÷ 70 → 2")
        #expect(reactive.peakReplicas == 20)
        #expect(planner.replicaMinutes < reactive.replicaMinutes)
        #expect(planner.legitimateBlocked == 0)
    }

    @Test("a daily cycle: forecasting ahead of the provisioning delay violates the SLO less than reacting")
    func dailyCycle() throws {
        let path = SharedData.packageRoot + "/rules/traces/daily.csv"
        let trace = try LoadTrace(path: path)
        var policy = Self.policy()
        policy.season = 144
        policy.scale?.targetUtilization = 0.85
        policy.scale?.horizon = 3
        let (planner, reactive) = TraceSimulation(policy: policy, provisioningDelay: 2).run(trace, forecaster: HoltWinters())
        print(
            "daily.csv: planner \(planner.sloViolations) violations, \(Int(planner.replicaMinutes)) replica-min; "
                + "reactive \(reactive.sloViolations), \(Int(reactive.replicaMinutes))")
        #expect(planner.sloViolations < reactive.sloViolations)
        #expect(planner.replicaMinutes < reactive.replicaMinutes * 1.1)
    }
}
