import ArgumentParser
import Foundation
import LikenessStore

extension ReceiptCommand {
    struct Compact: DatabaseCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compress the receipts stored plain (before the database had a dictionary).",
            discussion: """
                Trains the receipts' dictionary when there is none and enough receipts are stored, then repacks every \
                receipt stored plain, a chunk per transaction (a running server goes on answering; it does the same in \
                the background). Receipts read back byte for byte either way.
                """)
        @OptionGroup var global: GlobalOptions
        @ParentCommand var root: Likeness

        func run() async throws {
            let database = try openDatabase()
            let compactor = ReceiptCompactor(database: database)
            let total = try await compactor.plainReceipts()
            let progress = ProgressLine()
            var done = 0
            while true {
                switch try await compactor.step(chunk: 2_000) {
                case .tooFewReceipts:
                    progress.finish()
                    print("Nothing compacted: a dictionary is trained on at least \(ReceiptCodec.minimumSamples) stored receipts.")
                    return
                case .repacked(0):
                    if done > 0 { progress.finish() }
                    print("Compacted \(done) receipts; none is left plain.")
                    return
                case .repacked(let n):
                    done += n
                    progress.show("repacked \(done) of \(total) receipts")
                }
            }
        }
    }
}
