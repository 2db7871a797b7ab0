import ArgumentParser
import SentinelOutput

/// `sentinel features`: prints the documented feature lists.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "List the window, flow and access-log window features: name, unit, meaning (Markdown tables)."
    )

    @Flag(name: .long, help: "Only the window features.")
    var windows = false

    @Flag(name: .long, help: "Only the flow features.")
    var flows = false

    @Flag(name: .long, help: "Only the access-log window features.")
    var logs = false

    func run() {
        let all = !windows && !flows && !logs
        if windows || all { Console.output("### Window features\n\n" + FeatureDocumentation.windowTable + "\n") }
        if flows || all { Console.output("### Flow features\n\n" + FeatureDocumentation.flowTable + (all ? "\n" : "")) }
        if logs || all { Console.output("### Access-log window features\n\n" + FeatureDocumentation.logWindowTable) }
    }
}
