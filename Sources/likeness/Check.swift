import ArgumentParser
import Foundation
import LikenessRules
import LikenessServer
import LikenessStore

struct Check: DatabaseCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask whether a proposed use may go ahead, and store the receipt.",
        discussion: """
            Exit codes: 0 allowed or notify, 2 needs approval, 3 denied, 1 error. With --batch FILE (JSON Lines, one \
            use per line as the body of POST /v1/checks; - for standard input): one result per use, in order, as JSON \
            (the stored check, or {"index", "error"} for a use that is invalid or names an unknown id); exit 0 when every \
            use was decided, whatever the decisions, 1 when any was an error.
            """)

    @OptionGroup var global: GlobalOptions
    @ParentCommand var root: Likeness
    @OptionGroup var actor: ActorOption
    @Option(help: "A file of proposed uses, one JSON object per line (- for standard input).") var batch: String?
    @Option(help: "The production the output is for.") var production: String?
    @Option(help: "Whose likeness or performance is used.") var performer: String?
    @Option(help: "With a performer: replica, new-performance, alteration, training or synthetic; without one: ideation, generation (the default) or synthetic.")
    var use: Use?
    @Option(name: .customLong("aspect"), help: "An aspect of the performer used (repeatable).") var aspects: [Aspect] = []
    @Option var destination: Destination?
    @Option(help: "ISO 3166-1 alpha-2 code of the territory of distribution.") var territory: String?
    @Option(help: "The day of the use, YYYY-MM-DD (default: today, UTC).") var at: String?
    @Option(name: .customLong("content"), help: "A content tag (repeatable).") var content: [String] = []
    @Option(help: "The registered generative tool.") var tool: String?
    @Option(name: .customLong("input"), help: "Data fed to the tool (repeatable).") var inputs: [InputKind] = []
    @Flag(help: "The output intends to recreate identifiable third-party work.") var replicatesThirdPartyWork = false
    @Flag(help: "Viewers could take the output for a real recording, photograph or document.") var presentedAsReal = false
    @Flag(help: "For alteration: a customary change (as scripted, cosmetic, continuity, noise, pitch, clarity, timing).")
    var customary = false
    @Flag(help: "Print the receipt as JSON.") var json = false

    func validate() throws {
        if batch != nil {
            guard production == nil, destination == nil, performer == nil, use == nil, aspects.isEmpty, territory == nil, at == nil,
                  content.isEmpty, tool == nil, inputs.isEmpty, !replicatesThirdPartyWork, !presentedAsReal, !customary else {
                throw ValidationError("--batch takes the uses from its file: give no other field of a use")
            }
        } else {
            guard production != nil else { throw ValidationError("Missing expected argument '--production <production>'") }
            guard destination != nil else { throw ValidationError("Missing expected argument '--destination <destination>'") }
        }
    }

    func run() async throws {
        let database = try await openStore()
        let service = CheckService(facts: DatabaseFacts(database: database), receipts: ReceiptWriter(database: database),
                                   clock: try clock)
        if let batch { return try await runBatch(batch, service) }
        var input = CheckInput()
        input.production = production; input.performer = performer; input.use = use?.rawValue
        input.aspects = aspects.isEmpty ? nil : aspects.map(\.rawValue)
        input.destination = destination?.rawValue; input.territory = territory; input.at = at
        input.content = content; input.tool = tool; input.inputs = inputs.map(\.rawValue)
        input.replicatesThirdPartyWork = replicatesThirdPartyWork
        input.presentedAsReal = presentedAsReal
        input.customary = customary ? true : nil
        let stored = try await service.check(input, actor: actor.name)
        if json {
            print(stored.body)
        } else {
            print(Self.summary(stored.receipt))
        }
        switch stored.receipt.decision {
        case .allowed, .notify: return
        case .needsApproval: throw ExitCode(2)
        case .denied: throw ExitCode(3)
        }
    }

    /// Decides the file's uses in batches of `CheckBatch.limit`, printing each result as its line.
    func runBatch(_ file: String, _ service: CheckService) async throws {
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot read \(file)") }
            handle = opened
        }
        var errors = 0, index = 0
        var pending: [Data] = []
        func flush() async throws {
            let results = try await service.check(batch: pending.map(CheckBatch.input), actor: actor.name)
            for result in results {
                print(CheckBatch.json(result, index: index))
                if case .failure = result { errors += 1 }
                index += 1
            }
            pending.removeAll(keepingCapacity: true)
        }
        try await JSONLines(handle: handle).forEach { line in
            pending.append(line)
            if pending.count == CheckBatch.limit { try await flush() }
        }
        if !pending.isEmpty { try await flush() }
        if errors > 0 {
            warn("\(errors) of \(index) uses were not decided (their lines say why)")
            throw ExitCode(1)
        }
    }

    static func summary(_ r: CheckReceipt) -> String {
        let headline: String
        switch r.decision {
        case .allowed: headline = "ALLOWED: consent and written approvals are on record"
        case .notify: headline = "NOTIFY: proceed and share the intended use with the studio contact"
        case .needsApproval: headline = "NEEDS APPROVAL: get the studio's written approval before proceeding"
        case .denied: headline = "DENIED: do not proceed"
        }
        var lines = [headline]
        for reason in r.reasons {
            lines.append("  - [\(reason.code)] \(reason.message)")
        }
        if !r.requirements.isEmpty { lines.append("requirements: " + r.requirements.map(\.rawValue).joined(separator: ", ")) }
        if !r.grants.isEmpty { lines.append("grants relied on: " + r.grants.joined(separator: ", ")) }
        if !r.approvals.isEmpty { lines.append("approvals: " + r.approvals.joined(separator: ", ")) }
        if !r.obligations.isEmpty { lines.append("obligations: " + r.obligations.map(\.rawValue).joined(separator: ", ")) }
        lines.append("receipt: \(r.id)")
        return lines.joined(separator: "\n")
    }
}
