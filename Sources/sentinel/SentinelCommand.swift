import ArgumentParser

/// The `sentinel` command line: a thin layer that parses arguments and calls the modules.
@main
struct SentinelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentinel",
        abstract: "Watch traffic, recognise attacks and degradation, and report them.",
        discussion: """
            Offline: `sentinel analyze FILE...` reads pcap/pcapng captures.
            Live: `sentinel watch --interface IF` captures with libpcap (needs capture privileges).
            """,
        version: "0.1.0",
        subcommands: [AnalyzeCommand.self, WatchCommand.self, FeaturesCommand.self]
    )
}
