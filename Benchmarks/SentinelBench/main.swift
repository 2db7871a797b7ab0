import ArgumentParser

/// `sentinel-bench`: capture generators and the throughput/memory benchmark.
struct SentinelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentinel-bench",
        abstract: "Make large benchmark captures and measure Sentinel against tcpdump.",
        discussion: """
            Typical use (Benchmarks/run.sh does all of it):
              sentinel-bench make-capture --from captures/*.pcap -o /tmp/big.pcap
              sentinel-bench make-flood -o /tmp/flood.pcap
              sentinel-bench run /tmp/big.pcap --repeat 3
            Generated files are written to disk only; nothing is ever sent on a network.
            """,
        subcommands: [
            MakeCaptureCommand.self, MakeFloodCommand.self, RunCommand.self,
            PeakRSSCommand.self, SummarizeCommand.self,
            RunPipelineCommand.self, LogsCommand.self, AnomaliesBenchCommand.self, StoreCommand.self,
        ]
    )
}

SentinelBench.main()
