/// Why `sentinel-bench store` cannot run.
enum StoreBenchError: Error, CustomStringConvertible {
    /// `--engine` is neither `postgres` nor `sqlite`.
    case unknownEngine(String)

    var description: String {
        switch self {
        case .unknownEngine(let name): "--engine must be postgres or sqlite, not '\(name)'"
        }
    }
}
