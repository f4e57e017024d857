import Foundation
import GRDB
@testable import LikenessRules
@testable import LikenessStore
import Testing

/// Earlier versions wrote these records with GRDB's `Codable` encoding (snake_case columns):
/// rows already in a database are the rows `TableRow` writes and reads.
protocol EarlierEncoding: EncodableRecord, TableRecord {}

extension EarlierEncoding {
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension Performer: EarlierEncoding {}
extension Production: EarlierEncoding {}
extension Role: EarlierEncoding {}
extension Tool: EarlierEncoding {}
extension UnionState: EarlierEncoding {}
extension Approval: EarlierEncoding {}
extension Account: EarlierEncoding {}
extension APIKey: EarlierEncoding {}

@Suite struct TableRowTests {
    @Test(arguments: [false, true])
    func rowsAreWhatGRDBsEncodingWrote(optionalsSet: Bool) throws {
        func expectSame<Record: TableRow & EarlierEncoding>(_ record: Record) throws {
            let encoded = try record.databaseDictionary
            let byHand = Dictionary(uniqueKeysWithValues: zip(Record.columns, record.values.map(\.sqlValue.databaseValue)))
            for (column, value) in encoded { #expect(byHand[column] == value, "\(Record.table).\(column)") }
            #expect(Set(byHand.keys) == Set(encoded.keys), "\(Record.table)")
        }
        let records = SampleRecords(optionalsSet: optionalsSet)
        try expectSame(records.performer)
        try expectSame(records.production)
        try expectSame(records.role)
        try expectSame(records.tool)
        try expectSame(records.union)
        try expectSame(records.approval)
        try expectSame(records.account)
        try expectSame(records.key)
    }
}
