import SentinelDetection
import SentinelFeatures
import SentinelLearning

extension ConfigurationCheck {
    /// The packet model (and the log model when logs are tailed) load and read the features of
    /// their windows: a log model named as the packet model, or a damaged file, is an error.
    package func models() -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let packet = ModelChoice.packet(configuration, environment: environment)
        findings += check(packet, role: "model") { model throws(ModelError) in _ = try WindowDetector(model: model) }
        if !configuration.logs.isEmpty {
            let log = ModelChoice.log(configuration, environment: environment)
            if log.path == nil {
                findings.append(CheckFinding(.warning, "log model", "\(log.origin): log windows would be stored but not classified"))
            } else {
                findings += check(log, role: "log model") { model throws(ModelError) in _ = try LogWindowDetector(model: model) }
            }
        }
        let site = ModelChoice.site(configuration, environment: environment)
        if site.path != nil {
            findings += check(site, role: "site model") { model throws(ModelError) in _ = try WindowDetector(model: model) }
        }
        return findings + baselineFile()
    }

    /// `baseline.file` loads and holds packet windows.
    package func baselineFile() -> [CheckFinding] {
        guard configuration.baseline.enabled, let path = configuration.baseline.file else { return [] }
        do {
            _ = try SiteBaselineFile.load(path: path, kind: "packets")
            return []
        } catch {
            return [CheckFinding(.error, "baseline.file", error.description)]
        }
    }

    private func check(
        _ choice: ModelChoice, role: String, fits: (DetectionModel) throws(ModelError) -> Void
    ) -> [CheckFinding] {
        guard let path = choice.path else {
            return [
                CheckFinding(.error, role, "\(choice.origin): name one with \(role == "model" ? "sentinel.model" : "sentinel.log_model")")
            ]
        }
        do {
            try fits(try DetectionModel.load(path: path))
            return []
        } catch {
            return [CheckFinding(.error, "\(role) \(path)", "\(error) (from \(choice.origin))")]
        }
    }
}
