import SentinelCore
import SentinelForecast
import SentinelPlanner
import Testing

/// A sentinel that does not plan follows the load, and takes over what the leader decided.
@Suite("Planner take-over")
struct PlannerTakeoverTests {
    @Test("a follower's history and forecast are the leader's; taking over its replicas keeps the scale-down stabilisation")
    func followerTakesOver() {
        let policy = ResourcePlannerTests.policy(scaleDown: 30)
        var leader = ResourcePlanner(policy: policy, forecaster: SeasonalNaive())
        var follower = ResourcePlanner(policy: policy, forecaster: SeasonalNaive())
        for t in 0..<20 {
            let window = ResourcePlannerTests.window(t, load: t < 10 ? 60 : 600)
            _ = leader.plan(window)
            follower.follow(window)
        }
        #expect(follower.legitimateLoad == leader.legitimateLoad)
        #expect(follower.forecast(3) == leader.forecast(3))
        #expect(leader.replicas == 9 && follower.replicas == 1, "the follower decided nothing")

        // The leader dies; the follower takes over the 9 replicas set at t = 11 and, with the
        // load back to 60, keeps them through the 30 s scale-down window it has followed.
        follower.adopt(replicas: 9, changedAt: 11)
        var downs: [PlannedAction] = []
        for t in 20..<60 { downs += follower.plan(ResourcePlannerTests.window(t, load: 60)).actions.filter { $0.kindName == "scale" } }
        #expect(downs.count == 1, "\(downs.map(\.explanation))")
        #expect((downs.first?.time ?? 0) >= 50, "not before the last high recommendation (t = 20) is 30 s old")
        #expect(follower.replicas == 1)
    }

    @Test("a block taken over from another planner is lifted at its time and counts against the budget")
    func adoptedBlock() throws {
        var policy = PlannerPolicy()
        policy.protect.maxBlockedSources = 1
        var planner = ResourcePlanner(policy: policy)
        planner.adopt(source: try SourcePrefix("203.0.113.0/24"), until: 10)
        let attack = PlannerWindow(
            start: 3, end: 4, load: nil, className: "syn_flood", confidence: 0.99, offenders: ["198.51.100.7"])
        #expect(!planner.plan(attack).actions.contains { $0.kindName == "block" }, "the budget of one source is taken")
        let later = planner.plan(PlannerWindow(start: 10, end: 11, load: nil, className: "normal", confidence: 0.99, offenders: []))
        #expect(later.actions.map(\.kindName) == ["lift"])
        #expect(later.actions.map(\.kind) == [.unblock(try SourcePrefix("203.0.113.0/24"))])
    }

    @Test("a rate limit taken over from another planner ends with the lift of a rate limit")
    func adoptedRateLimit() throws {
        var planner = ResourcePlanner(policy: PlannerPolicy())
        let source = try SourcePrefix("198.51.100.7")
        planner.adopt(source: source, until: 10, rateLimited: true)
        let later = planner.plan(PlannerWindow(start: 10, end: 11, load: nil, className: "normal", confidence: 0.99, offenders: []))
        #expect(later.actions.map(\.kind) == [.liftRateLimit(source)])
        #expect(later.actions.map(\.kindName) == ["lift"])
    }

    @Test("a reload's new planner continues the old one's load history: the same forecast (Holt-Winters and naive), action ids go on")
    func reloadKeepsHistory() {
        for method in [HoltWinters(), SeasonalNaive()] as [any ForecastMethod] {
            var policy = ResourcePlannerTests.policy()
            policy.season = 5
            var old = ResourcePlanner(policy: policy, forecaster: method)
            var ids: [String] = []
            for t in 0..<200 {
                ids += old.plan(ResourcePlannerTests.window(t, load: 100 + 50 * Double(t % 5))).actions.map(\.id)
            }
            // The new configuration changes the scaling, not the source or season.
            var changed = policy
            changed.scale?.capacityPerReplica = 50
            var fresh = ResourcePlanner(policy: changed, forecaster: method)
            var reloaded = ResourcePlanner(policy: changed, forecaster: method)
            reloaded.continueHistory(of: old)
            #expect(reloaded.legitimateLoad == old.legitimateLoad && fresh.legitimateLoad.isEmpty)
            #expect(reloaded.forecast(5) == old.forecast(5), "\(type(of: method))")
            #expect(fresh.forecast(5).isEmpty, "a planner started afresh has nothing to forecast from")
            let next = ResourcePlannerTests.window(200, load: 700)
            ids += reloaded.plan(next).actions.map(\.id)
            #expect(Set(ids).count == ids.count, "no action id used twice across the reload: \(ids.suffix(3))")
        }
    }
}
