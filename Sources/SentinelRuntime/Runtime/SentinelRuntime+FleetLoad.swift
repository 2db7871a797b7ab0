import SentinelPlanner

/// The planner's load in a fleet: summed over the sensors sharing the store.
extension SentinelRuntime {
    /// The load series a planner source's windows are stored under: requests per second for
    /// a tailed log, packets per second for an interface.
    func loadSeries(of source: String) -> String {
        configuration.logs.contains { $0.path == source } ? "requests_per_s:\(source)" : "packets_per_s:\(source)"
    }

    /// The fleet's load in the window starting at `start` of the planner's `source`, of which
    /// this sentinel measured `own` (see ``FleetLoad``); `own` alone while the store cannot be
    /// read (its writes are buffered, or it does not answer).
    func fleetLoad(own: Double, source: String, start: Double) -> Double {
        guard storeBuffer.isEmpty,
            let fleet = try? FleetLoad.read(
                series: loadSeries(of: source), own: own, sensor: host, start: start,
                window: configuration.sentinel.window, store: database)
        else {
            status.update { s in s.plannerSensors = nil }
            return own
        }
        status.update { s in s.plannerSensors = fleet.sensors }
        return fleet.load
    }

    /// Stores this sensor's point of `series` for the window starting at `start`: the load it
    /// measured, `value`, and the legitimate load in it. A window classified as `className`, one
    /// of the planner's attack classes (the defaults without a planner), counts with the series'
    /// last legitimate load, as the planner counts its own attack windows; so a fleet's leader
    /// sums the others' legitimate load, and a flood only another gateway sees buys no replicas.
    func storeLoad(_ value: Double, series: String, start: Double, className: String?) {
        let attackClasses = configuration.planner?.policy.attackClasses ?? PlannerPolicy().attackClasses
        let legitimate: Double
        if let className, attackClasses.contains(className) {
            legitimate = lastLegitimateLoad[series] ?? 0
        } else {
            legitimate = value
            lastLegitimateLoad[series] = value
        }
        record(sheddable: true) { [self] in
            try database.appendLoad(series: series, time: start, value: value, sensor: host, legitimate: legitimate)
        }
    }
}
