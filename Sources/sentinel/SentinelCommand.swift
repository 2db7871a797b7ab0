import ArgumentParser
import Foundation

/// The `sentinel` command line: a thin layer that parses arguments and calls the modules.
@main
struct SentinelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentinel",
        abstract: "Watch traffic, recognise attacks and degradation, and report them.",
        discussion: """
            Offline: `sentinel analyze FILE...` reads pcap/pcapng captures.
            Live: `sentinel watch --interface IF` captures with libpcap (needs capture privileges).
            Detection: `sentinel train` fits a classifier to labelled data, `sentinel evaluate` measures it;
            analyze and watch classify every window with the shipped model or --model.
            """,
        version: "0.2.0",
        subcommands: [AnalyzeCommand.self, WatchCommand.self, RunCommand.self, TrainCommand.self, EvaluateCommand.self, ReportCommand.self, FeaturesCommand.self, IncidentsCommand.self, AlertsCommand.self, RulesCommand.self, ForecastCommand.self, AnomaliesCommand.self, PlanCommand.self, ActionsCommand.self]
    )

    /// Parses and runs; a first word that is no command but close to one gets a suggestion.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                let hint = CommandSuggestion.closest(to: first, among: names).map { " Did you mean '\($0)'?" } ?? ""
                FileHandle.standardError.write(Data("Error: unknown command '\(first)'.\(hint)\nSee 'sentinel --help' for the commands.\n".utf8))
                Foundation.exit(64)
            }
        }
        main(arguments)
    }
}
