import ArgumentParser
import Foundation
import SentinelStore

/// `sentinel actions`: lists the planner's recent decisions from the store.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List the planner's recent actions (scale, block, rate-limit, lift) recorded in the store.",
        discussion: """
            Each action is shown with its mode (dry-run: recommended only; enforce: carried \
            out), its outcome and the rule and reasons that chose it. Newest first. The \
            database is only read: a missing file is an error (exit 2), never created.

            Examples:
              sentinel actions
              sentinel actions --format json --limit 100
            """
    )

    @OptionGroup var store: StoreListOptions

    func run() throws {
        let database = try store.openDatabase()
        let actions: [StoredAction] = try CommandFailure.wrapping { try database.recentActions(limit: store.limit) }
        switch store.format {
        case .json:
            Console.output(MetricsOutput.json(["database": store.db, "actions": actions.map(Self.object)]))
        case .table:
            if actions.isEmpty {
                Console.output("No actions in \(store.db).\n")
                return
            }
            let rows = actions.map { action in
                [
                    StoreListOptions.time(action.time), action.kind, action.target, action.mode, action.outcome ?? "-",
                    String(action.explanation.prefix(90)),
                ]
            }
            Console.output(StoreListOptions.table(headers: ["TIME", "KIND", "TARGET", "MODE", "OUTCOME", "WHY"], rows: rows))
        }
    }

    static func object(_ action: StoredAction) -> [String: Any] {
        [
            "id": action.id, "time": action.time, "kind": action.kind, "target": action.target, "mode": action.mode,
            "outcome": action.outcome.map { $0 as Any } ?? NSNull(), "explanation": action.explanation,
            "parameters": StoreListOptions.embeddedJSON(action.parameters),
        ]
    }
}
