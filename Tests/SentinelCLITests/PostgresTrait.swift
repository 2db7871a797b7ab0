import SentinelTestSupport
import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only where PostgreSQL's binaries are installed (else skipped, saying why).
    static var needsPostgres: Self { .enabled(if: PostgresCluster.binaries != nil, Comment(rawValue: PostgresCluster.skipReason)) }
}
