import ArgumentParser
import SentinelDetection

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
        version: "0.15.0",
        subcommands: [
            AnalyzeCommand.self, WatchCommand.self, RunCommand.self, TrainCommand.self, EvaluateCommand.self, ReportCommand.self,
            FeaturesCommand.self, IncidentsCommand.self, AlertsCommand.self, RulesCommand.self, ForecastCommand.self, AnomaliesCommand.self,
            PlanCommand.self, ActionsCommand.self, BaselineCommand.self,
        ]
    )
}
