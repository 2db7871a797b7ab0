import SentinelAlerts

extension ConfigurationCheck {
    /// Each webhook's secret (`secret_env` set in the environment, or `secret_file`
    /// readable, by its owner only) and URL (`url_env` set) is there and well formed, and the
    /// HTTP endpoint has the token it needs (``EndpointAccess``). Findings name the variable
    /// or file, never the value.
    package func secrets() -> [CheckFinding] {
        var findings: [CheckFinding] = []
        for hook in configuration.webhooks {
            let subject = "webhook \(hook.name)"
            do {
                if let variable = hook.secretEnv {
                    _ = try WebhookSecret.load(environmentVariable: variable, environment: environment)
                } else if let file = hook.secretFile {
                    _ = try WebhookSecret.load(file: file)
                }
            } catch {
                findings.append(CheckFinding(.error, subject, "\(error)"))
            }
            do {
                _ = try hook.resolvedURL(environment: environment)
            } catch {
                findings.append(CheckFinding(.error, subject, "\(error)"))
            }
        }
        do {
            _ = try EndpointAccess.resolve(configuration.http, environment: environment)
        } catch {
            findings.append(CheckFinding(.error, "http", "\(error)"))
        }
        return findings
    }
}
