import SentinelCore
import SentinelForecast
import SentinelPlanner
import SentinelTestSupport
import Testing

@Suite("Resource planner")
struct ResourcePlannerTests {
    static func policy(maxReplicas: Int = 10, scaleDown: Double = 300) -> PlannerPolicy {
        var policy = PlannerPolicy()
        var scale = ScalePolicy(target: "web", capacityPerReplica: 100)
        scale.maxReplicas = maxReplicas
        scale.scaleDownStabilization = scaleDown
        scale.horizon = 3
        policy.scale = scale
        return policy
    }

    static func window(
        _ t: Int, load: Double, _ className: String = "normal", offenders: [String] = [],
        confidence: Double = 0.99
    ) -> PlannerWindow {
        PlannerWindow(
            start: Double(t), end: Double(t + 1), load: load, className: className, confidence: confidence,
            offenders: offenders)
    }

    @Test("the HPA rule: replicas = ⌈load ÷ (capacity × utilisation)⌉, no change within the tolerance")
    func hpaRule() {
        var scale = ScalePolicy(target: "web", capacityPerReplica: 100)
        scale.maxReplicas = 20
        #expect(scale.desiredReplicas(load: 700, current: 1) == 10)  // 700 / 70
        #expect(scale.desiredReplicas(load: 75, current: 1) == 1)  // ratio 1.07: within 10 %
        #expect(scale.desiredReplicas(load: 85, current: 1) == 2)
        #expect(scale.desiredReplicas(load: 0, current: 5) == 1)  // the minimum
        #expect(scale.desiredReplicas(load: 1e9, current: 5) == 20)  // the maximum
    }

    @Test("a flash crowd of legitimate load scales up; a flood of the same size buys no servers")
    func floodBuysNothing() {
        var crowd = ResourcePlanner(policy: Self.policy(), forecaster: SeasonalNaive())
        var flood = ResourcePlanner(policy: Self.policy(), forecaster: SeasonalNaive())
        for t in 0..<20 {
            _ = crowd.plan(Self.window(t, load: 60))
            _ = flood.plan(Self.window(t, load: 60))
        }
        var crowdScaled: [PlannedAction] = []
        for t in 20..<30 {
            crowdScaled += crowd.plan(Self.window(t, load: 600)).actions
            let result = flood.plan(Self.window(t, load: 600, "syn_flood", offenders: ["198.51.100.\(t)"]))
            #expect(!result.actions.contains { $0.kindName == "scale" }, "\(result.actions)")
        }
        #expect(crowd.replicas == 9, "600 / (100 × 0.7) → 9")
        #expect(crowdScaled.first?.rule == "hpa-forecast-scale-up")
        #expect(crowdScaled.first?.explanation.contains("9 replicas") == true)
        #expect(flood.replicas == 1)
        #expect(flood.legitimateLoad.suffix(10).allSatisfy { $0 == 60 })
    }

    @Test("between refits the forecast path is read further along, the same as refitting a deterministic method")
    func refitCache() {
        var every = Self.policy()
        every.refitEvery = 10
        var cached = ResourcePlanner(policy: every, forecaster: LinearRegressionForecaster(lags: 1))
        var fresh = ResourcePlanner(policy: Self.policy(), forecaster: LinearRegressionForecaster(lags: 1))
        for t in 0..<40 {
            _ = cached.plan(Self.window(t, load: Double(100 + 5 * t)))
            _ = fresh.plan(Self.window(t, load: Double(100 + 5 * t)))
            let a = cached.forecast(3), b = fresh.forecast(3)
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-6 * max(1, abs($1)) }, "t=\(t): \(a) vs \(b)")
        }
        #expect(fresh.forecast(2).map { ($0 * 100).rounded() / 100 } == [300, 305], "a pure trend continues: the last load was 295")
    }

    @Test("scale-down waits for its stabilisation window")
    func scaleDownWaits() {
        var planner = ResourcePlanner(policy: Self.policy(scaleDown: 30), forecaster: SeasonalNaive())
        for t in 0..<10 { _ = planner.plan(Self.window(t, load: 600)) }
        #expect(planner.replicas == 9)
        var downAt: Int?
        for t in 10..<60 {
            if planner.plan(Self.window(t, load: 50)).actions.contains(where: { $0.kindName == "scale" }), downAt == nil { downAt = t }
        }
        #expect(planner.replicas == 1)
        // Load fell at t = 10 (window end 11); every recommendation of the last 30 s must agree.
        #expect(downAt.map { $0 >= 39 } == true, "scaled down at \(downAt.map(String.init) ?? "never")")
    }

    @Test("sources: blocked with a TTL, then lifted; allow-listed never; spread sources become a /24")
    func blocking() throws {
        var policy = Self.policy()
        policy.protect.allowList = [try SourcePrefix("10.0.0.0/8")]
        policy.protect.ttl = 5
        policy.protect.prefixThreshold = 4
        var planner = ResourcePlanner(policy: policy)
        let offenders = ["203.0.113.7", "10.1.2.3"] + (1...5).map { "198.51.100.\($0)" }
        let result = planner.plan(Self.window(0, load: 10, "syn_flood", offenders: offenders))
        let blocked = result.actions.compactMap { action -> String? in
            if case let .block(source) = action.kind, action.action.timeToLive == 5 { return source.description }
            return nil
        }
        #expect(Set(blocked) == ["203.0.113.7", "198.51.100.0/24"], "\(result.actions)")
        #expect(result.notes.contains { $0.contains("10.1.2.3 is allow-listed") })
        #expect(result.actions.allSatisfy { $0.mode == .dryRun && !$0.explanation.isEmpty })
        // Already blocked: not again. After the TTL: lifted.
        #expect(planner.plan(Self.window(1, load: 10, "syn_flood", offenders: ["198.51.100.3"])).actions.isEmpty)
        let lifted = planner.plan(Self.window(5, load: 10)).actions
        #expect(Set(lifted.map(\.target)) == ["203.0.113.7", "198.51.100.0/24"] && lifted.allSatisfy { $0.kindName == "lift" })
        #expect(lifted.allSatisfy { if case .unblock = $0.kind { true } else { false } }, "a block ends with an unblock")
        #expect(planner.activeSources.isEmpty)
        // http_flood is rate-limited; a low-confidence verdict acts on nothing.
        let limited = planner.plan(Self.window(6, load: 10, "http_flood", offenders: ["203.0.113.9"])).actions
        #expect(limited.first?.kindName == "rate-limit")
        let limitLifted = planner.plan(Self.window(11, load: 10)).actions
        #expect(limitLifted.map(\.kind) == [.liftRateLimit(try SourcePrefix("203.0.113.9"))], "a rate limit ends with its lift")
        let unsure = planner.plan(Self.window(7, load: 10, "syn_flood", offenders: ["203.0.113.10"], confidence: 0.6))
        #expect(unsure.actions.isEmpty && unsure.notes.contains { $0.contains("below") })
    }

    @Test("loopback is never blocked or limited, even with an empty allow-list")
    func loopbackNeverBlocked() throws {
        var policy = Self.policy()
        policy.protect.allowList = []
        var planner = ResourcePlanner(policy: policy)
        let result = planner.plan(Self.window(0, load: 10, "syn_flood", offenders: ["127.0.0.1", "::1", "203.0.113.7"]))
        let targets = result.actions.map(\.target)
        #expect(targets == ["203.0.113.7"], "\(result.actions)")
        #expect(result.notes.contains { $0.contains("127.0.0.1 is allow-listed") }, "\(result.notes)")
        #expect(result.notes.contains { $0.contains("::1 is allow-listed") }, "\(result.notes)")
    }

    @Test("property: random verdicts and loads never exceed max replicas, the budget, or touch the allow-list")
    func properties() throws {
        var generator = SeededGenerator(seed: 7)
        var policy = Self.policy(maxReplicas: 6, scaleDown: 20)
        policy.protect.allowList = [try SourcePrefix("192.0.2.0/24"), try SourcePrefix("2001:db8::/32")]
        policy.protect.maxActionsPerMinute = 7
        policy.protect.maxBlockedSources = 15
        policy.protect.ttl = 40
        policy.refitEvery = 50
        let allow = policy.protect.allowList
        var planner = ResourcePlanner(policy: policy, forecaster: LinearRegressionForecaster())
        var starts: [Double] = []
        let classes = ["normal", "normal", "normal", "syn_flood", "http_flood", "port_scan", "latency_degradation"]
        for t in 0..<2_000 {
            let className = classes.randomElement(using: &generator)!
            let offenders =
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    Bool.random(using: &generator)
                        ? "192.0.2.\(Int.random(in: 1...254, using: &generator))"
                        : "198.51.\(Int.random(in: 0...3, using: &generator)).\(Int.random(in: 1...254, using: &generator))"
                } + (Bool.random(using: &generator) ? ["2001:db8::\(t)"] : [])
            let load = Double.random(in: 0...2_000, using: &generator)
            let result = planner.plan(Self.window(t, load: load, className, offenders: offenders))
            for action in result.actions {
                switch action.kind {
                case let .scale(_, to): #expect((1...6).contains(to))
                case let .block(source), let .rateLimit(source, _):
                    #expect(!allow.contains { $0.contains(source) || source.contains($0) }, "\(source) is allow-listed")
                    starts.append(action.time)
                case .unblock, .liftRateLimit: break
                case .setServerState, .setServerWeight: Issue.record("no breaker is configured: \(action)")
                }
            }
            let recent = starts.filter { $0 > Double(t + 1) - 60 }
            #expect(recent.count <= 7, "\(recent.count) actions in the minute before \(t)")
            #expect(planner.activeSources.count <= 15)
            #expect((1...6).contains(planner.replicas ?? 0))
        }
        #expect(!starts.isEmpty)
    }

    @Test("a circuit breaker drains the server behind a degraded source, probes it, and restores it")
    func breaker() {
        var policy = PlannerPolicy()
        var breaker = BreakerPolicy(source: "/var/log/web.log", backend: "web", server: "s1")
        breaker.failureThreshold = 2
        breaker.openDuration = 5
        breaker.successThreshold = 2
        policy.breakers = [breaker]
        var planner = ResourcePlanner(policy: policy)
        func step(_ t: Int, _ className: String, source: String = "/var/log/web.log") -> [String] {
            planner.plan(PlannerWindow(start: Double(t), end: Double(t + 1), load: nil, className: className, source: source))
                .actions.map { action in
                    switch action.kind {
                    case let .setServerState(_, state): return state.rawValue
                    case let .setServerWeight(_, weight): return "weight \(weight)"
                    default: return action.kindName
                    }
                }
        }
        #expect(step(0, "error_spike") == [])
        #expect(step(1, "error_spike", source: "eth0") == [], "another source's verdicts do not count")
        #expect(step(2, "error_spike") == ["drain"])
        #expect(step(3, "normal") == [] && step(4, "normal") == [])
        #expect(step(8, "normal") == ["weight 1", "ready"], "probe after the open duration")
        #expect(step(9, "normal") == [])
        #expect(step(10, "normal") == ["weight 100"], "closed again")
        let actions = planner.plan(
            PlannerWindow(start: 11, end: 12, load: nil, className: "latency_degradation", source: "/var/log/web.log")
        ).actions
        #expect(actions.isEmpty)
        let drained = planner.plan(
            PlannerWindow(start: 12, end: 13, load: nil, className: "latency_degradation", source: "/var/log/web.log")
        ).actions
        #expect(
            drained.first?.rule == "circuit-breaker" && drained.first?.target == "web/s1"
                && drained.first?.explanation.contains("closed → open") == true, "\(drained)")
    }
}
