import Foundation
import SentinelStore
import SentinelTestSupport

/// The stores `sentinel-bench store` writes into: fresh databases in a throwaway PostgreSQL
/// cluster, or fresh SQLite files, and the bytes they take on disk.
final class StoreBench {
    private let cluster: PostgresCluster?
    private let directory = TemporaryDirectory()
    private var made = 0

    /// Starts a cluster for `engine` `postgres`; nothing for `sqlite`.
    init(engine: String) throws {
        switch engine {
        case "postgres": cluster = try PostgresCluster()
        case "sqlite": cluster = nil
        default: throw StoreBenchError.unknownEngine(engine)
        }
    }

    /// A new, empty store; the closure opens one more connection to it.
    func fresh() throws -> () throws -> any StoreBackend {
        made += 1
        if let cluster {
            let url = try PostgresStoreURL(cluster.url(database: try cluster.createDatabase()))
            return { try PostgresStore(url: url, password: PostgresCluster.password) }
        }
        let path = directory.file("bench-\(made).db")
        return { try SentinelDatabase(path: path) }
    }

    /// Bytes on disk: the cluster's databases (`data/base`, without the write-ahead log), or
    /// the SQLite files with their write-ahead logs.
    func bytes() -> Int {
        let root = cluster.map { "\($0.directory)/data/base" } ?? directory.path
        var total = 0
        let files = FileManager.default.enumerator(atPath: root)
        while let file = files?.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(root)/\(file)")
            if attributes?[.type] as? FileAttributeType == .typeRegular { total += (attributes?[.size] as? Int) ?? 0 }
        }
        return total
    }

    /// Stops the cluster and removes the files.
    func stop() {
        cluster?.stop()
        directory.remove()
    }
}
