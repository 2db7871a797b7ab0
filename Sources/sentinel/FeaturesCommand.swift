import ArgumentParser
import SentinelEngine

/// `sentinel features`: prints the documented feature lists.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "List the window and flow features: name, unit, meaning (Markdown tables)."
    )

    @Flag(name: .long, help: "Only the window features.")
    var windows = false

    @Flag(name: .long, help: "Only the flow features.")
    var flows = false

    func run() {
        let both = windows == flows
        if windows || both { Console.output("### Window features\n\n" + FeatureDocumentation.windowTable + "\n") }
        if flows || both { Console.output("### Flow features\n\n" + FeatureDocumentation.flowTable) }
    }
}
