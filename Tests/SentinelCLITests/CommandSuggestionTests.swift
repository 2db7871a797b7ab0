import Testing

@Suite("A mistyped command")
struct CommandSuggestionTests {
    @Test("gets the closest command suggested, exit 64; a word far from every command gets none")
    func suggestion() throws {
        let typo = try SentinelProcess.run(["analyse", "captures/mixed.pcap"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("unknown command 'analyse'. Did you mean 'analyze'?"), "\(typo.stderr)")
        let other = try SentinelProcess.run(["incident"])
        #expect(other.stderr.contains("Did you mean 'incidents'?"), "\(other.stderr)")
        let far = try SentinelProcess.run(["zzzz"])
        #expect(far.status == 64 && !far.stderr.contains("Did you mean"), "\(far.stderr)")
        // A subcommand's subcommand too.
        let nested = try SentinelProcess.run(["rules", "chek", "rules/sentinel.yaml"])
        #expect(nested.status == 64, "\(nested.stderr)")
        #expect(nested.stderr.contains("unknown command 'rules chek'. Did you mean 'rules check'?"), "\(nested.stderr)")
        #expect(nested.stderr.contains("See 'sentinel rules --help'"), "\(nested.stderr)")
        let help = try SentinelProcess.run(["help", "forecast"])
        #expect(help.status == 0 && help.stdout.contains("Forecast a load series"))
    }
}
