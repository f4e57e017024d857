// In-process costs of the check path over a benchmark database: loading the facts index,
// then facts + rules per decision, and the whole service decision (validation, facts, rules,
// receipt encoding), and durable receipt writes; or, with `status-lists`, the receipts' status
// lists on a new database (`benchStatusLists`). Prints numbers; see scripts/bench.
import Foundation
import LikenessRules
import LikenessStore

func percentile(_ sorted: [Duration], _ p: Double) -> String {
    let d = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    return String(format: "%.1f µs", Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6)
}

let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "status-lists" {
    try await benchStatusLists(path: arguments[2])
    exit(0)
}
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: likeness-bench DATABASE [COUNT] [PERFORMERS] | likeness-bench status-lists NEW-DATABASE\n".utf8))
    exit(1)
}
let count = arguments.count > 2 ? Int(arguments[2]) ?? 200_000 : 200_000
let performers = arguments.count > 3 ? Int(arguments[3]) ?? 100_000 : 100_000
let database = try SQLiteDatabase(path: arguments[1], createIfMissing: false)
let clock = ContinuousClock()
let loadStart = clock.now
let index = try await FactsIndex.load(from: database)
print("facts index load: \(clock.now - loadStart) for \(index.grantCount) grants")

var generator = SplitMix(seed: 42)
let uses: [Use] = [.replica, .newPerformance, .alteration, .training, .synthetic]
let destinations = Destination.allCases
let at = Day("2026-05-01")!
let requests: [ProposedUse] = (0..<10_000).map { _ in
    let i = Int(generator.next() % UInt64(performers))
    return ProposedUse(production: "prod-\(i % 1000)", performer: "p-\(i)", use: uses[Int(generator.next() % 5)],
                       aspects: [.face, .voice], destination: destinations[Int(generator.next() % 3)],
                       territory: generator.next() % 2 == 0 ? "DE" : nil, at: at, tool: "t-vault")
}

var (samples, tally) = try await timeDecisions(requests, index, runs: count)
samples.sort()
print("decision (facts from memory + rules), \(count) runs: p50 \(percentile(samples, 0.5)), p99 \(percentile(samples, 0.99)), p99.9 \(percentile(samples, 0.999))")
print("  outcomes: " + Decision.allCases.map { "\($0.rawValue) \(tally[$0] ?? 0)" }.joined(separator: ", "))

let service = CheckService(facts: index, receipts: ReceiptWriter(database: database), clock: .system)
let inputs: [CheckInput] = requests.prefix(1000).map { use in
    var input = CheckInput()
    input.production = use.production; input.performer = use.performer; input.use = use.use.rawValue
    input.aspects = use.aspects.map(\.rawValue); input.destination = use.destination.rawValue
    input.territory = use.territory; input.at = "2026-05-01"; input.tool = use.tool
    return input
}
samples = try await timeServiceDecisions(inputs, service, runs: count / 4)
samples.sort()
print("validate + decide + encode receipt, \(count / 4) runs: p50 \(percentile(samples, 0.5)), p99 \(percentile(samples, 0.99))")

// Durable receipts: 64 concurrent checks at a time, each answered once its receipt is committed,
// with the server's background checkpoints.
let receiptCount = count / 4
let checkpointer = try WALCheckpointer(database: database, writer: service.receipts)
let checkpointing = Task { await checkpointer.run() }
var decided: [StoredReceipt] = []
for input in inputs { decided.append(try await service.decide(input, now: Date()).stored(actor: "bench")) }
let stored = decided
let cpuStart = cpuSeconds()
let writeStart = clock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    for n in 0..<receiptCount {
        if n >= 64 { try await group.next() }
        group.addTask {
            let base = stored[n % stored.count].receipt
            var receipt = base
            receipt.id = IDs.make("chk", now: Date())
            try await service.receipts.store([receipt.stored(actor: "bench")])
        }
    }
    try await group.waitForAll()
}
checkpointing.cancel()
let writeSeconds = Double((clock.now - writeStart).components.attoseconds) / 1e18 + Double((clock.now - writeStart).components.seconds)
print(String(format: "durable receipts, 64 at a time: %.0f/s, %.1f µs of CPU each (JSON encoding included)",
             Double(receiptCount) / writeSeconds, (cpuSeconds() - cpuStart) * 1e6 / Double(receiptCount)))

/// Facts + rules for `runs` of `requests`, each timed, with the decisions' tally. Called from the
/// main actor, this runs off it, as the server's handlers do: an awaited call that does not
/// suspend then stays on its thread, as it does in the server.
func timeDecisions(_ requests: [ProposedUse], _ index: FactsIndex, runs: Int) async throws -> ([Duration], [Decision: Int]) {
    let clock = ContinuousClock()
    var samples: [Duration] = [], tally: [Decision: Int] = [:]
    samples.reserveCapacity(runs)
    for n in 0..<runs {
        let use = requests[n % requests.count]
        let start = clock.now
        let verdict = DecisionEngine.decide(use, try await index.facts(for: use))
        samples.append(clock.now - start)
        tally[verdict.decision, default: 0] += 1
    }
    return (samples, tally)
}

/// The whole service decision (validation, facts, rules, receipt encoding) for `runs` of
/// `inputs`, each timed, off the main actor (see `timeDecisions`).
func timeServiceDecisions(_ inputs: [CheckInput], _ service: CheckService, runs: Int) async throws -> [Duration] {
    let clock = ContinuousClock()
    var samples: [Duration] = []
    samples.reserveCapacity(runs)
    for n in 0..<runs {
        let start = clock.now
        _ = try await service.decide(inputs[n % inputs.count], now: Date()).stored(actor: "bench")
        samples.append(clock.now - start)
    }
    return samples
}

/// CPU seconds used by the process so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
