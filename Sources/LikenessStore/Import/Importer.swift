import Crypto
import Foundation
import LikenessRules

/// The kinds of records an import file holds, in the order they are imported.
public enum ImportKind: String, CaseIterable, Sendable {
    case tools, productions, performers, roles, grants, approvals
}

/// A failed import: which file, which row, which field, and why. Nothing was written.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public let file: String
    /// `grants[3]` for JSON, `row 4 (line 5)` for CSV; nil for a file-level problem.
    public let row: String?
    public let field: String?
    public let message: String

    public var description: String {
        [file, row, field].compactMap { $0 }.joined(separator: ": ") + ": " + message
    }
}

/// What an import wrote, per kind.
public struct ImportSummary: Sendable, CustomStringConvertible {
    public var counts: [ImportKind: Int] = [:]
    public var description: String {
        ImportKind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }.joined(separator: ", ")
    }
}

/// How far an import has got: rows read from its files, rows written in its transaction (nothing
/// is visible to others before the commit), and the time since it started.
public struct ImportProgress: Sendable {
    public let rowsRead: Int
    public let rowsWritten: Int
    public let seconds: Double
    /// Every row is written (the last report).
    public let done: Bool
}

/// Imports JSON and CSV files of the registry in one transaction: all or nothing. One thread reads,
/// validates and makes rows ready while the database's writer writes them.
public struct Importer: Sendable {
    public let database: any StoreDatabase
    /// Above this many rows an import logs one change for the facts index instead of one per row.
    let bulkAbove: Int

    public init(database: any StoreDatabase) { self.init(database: database, bulkAbove: FactsIndex.incrementalLimit) }

    init(database: any StoreDatabase, bulkAbove: Int) {
        self.database = database
        self.bulkAbove = bulkAbove
    }

    enum Item: Sendable {
        case tool(ToolInput), production(ProductionInput), performer(PerformerInput)
        case role(RoleInput), grant(GrantInput), approval(ApprovalInput)
    }

    struct Located: Sendable { let file: String; let row: String; let item: Item }

    struct Document: Decodable {
        var tools: [ToolInput]?
        var productions: [ProductionInput]?
        var performers: [PerformerInput]?
        var roles: [RoleInput]?
        var grants: [GrantInput]?
        var approvals: [ApprovalInput]?
    }

    /// A file to import, read and checked before anything is written.
    struct Source: Sendable {
        enum Content: Sendable {
            /// A JSON document's rows, by kind.
            case json([ImportKind: [Located]])
            /// A CSV file of one kind, read row by row as it is imported.
            case csv(ImportKind)
        }

        let name: String
        let data: Data
        let content: Content
    }

    /// How often `progress` is told, in rows.
    static let progressEvery = 10_000
    /// Rows per hand-over from the reading thread to the writer, and how many hand-overs may wait.
    static let chunkRows = 1_000
    static let chunksWaiting = 16

    /// Imports `files`; a `.csv` file's kind is `kind` or else its stem (`grants.csv`). Rows are
    /// imported kind by kind (tools, productions, performers, roles, grants, approvals), each kind
    /// in the files' order. `progress`, when given, is told every 10,000 rows written, and once
    /// more when all are written.
    public func run(files: [String], kind: ImportKind? = nil, actor: String, now: Date,
                    progress: (@Sendable (ImportProgress) -> Void)? = nil) async throws -> ImportSummary {
        let started = ContinuousClock.now
        let sources = try files.map { try Self.source($0, kind: kind) }
        let bulk = Self.rowsExceed(bulkAbove, in: sources)
        let queue = ImportQueue(capacity: Self.chunksWaiting)
        Thread { Self.read(sources, actor: actor, now: now, into: queue) }.start()
        defer { queue.stop() }
        return try await database.transaction { db in
            @Sendable func report(written: Int, done: Bool) {
                let elapsed = ContinuousClock.now - started
                progress?(ImportProgress(rowsRead: queue.rowsRead, rowsWritten: written,
                                         seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                                         done: done))
            }
            return try db.withBulkWriteSettings {
                // A large import logs one change for all its rows instead of one per row (see migration
                // v12): the tables' marks before it, from which the facts index reads its rows.
                let marks = bulk ? try BulkInsert.marks(db) : nil
                if bulk { try db.execute("INSERT INTO registry_bulk_write (marked) VALUES (1)") }
                let eventsBefore = try Events.lastSeq(db)
                var summary = ImportSummary()
                var written = 0
                var files: [FileDigest] = []
                reading: while true {
                    switch queue.take() {
                    case .rows(let rows):
                        try Self.write(rows, db)
                        for row in rows { summary.counts[row.kind, default: 0] += 1 }
                        queue.recycle(rows)
                        if (written + rows.count) / Self.progressEvery > written / Self.progressEvery { report(written: written + rows.count, done: false) }
                        written += rows.count
                    case .failed(let error):
                        throw error
                    case .finished(let digests):
                        files = digests
                        break reading
                    }
                }
                try Events.queueDeliveries(after: eventsBefore, db)
                if let marks {
                    try db.execute("DELETE FROM registry_bulk_write")
                    try db.lockForAppending(.registry)
                    try db.execute("INSERT INTO registry_change (entity, entity_id) VALUES (?, ?)", [FactsIndex.everything, marks.logged])
                }
                if written > 0 { try Self.auditEntry(files: files, summary: summary, actor: actor, now: now, db) }
                report(written: written, done: true)
                return summary
            }
        }
    }

    /// Reads `path` and tells what it holds; a JSON document is decoded whole.
    static func source(_ path: String, kind: ImportKind?) throws -> Source {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: name, row: nil, field: nil, message: "cannot read the file")
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "json":
            return Source(name: name, data: data, content: .json(try readJSON(data, file: name)))
        case "csv":
            let stem = ((name as NSString).deletingPathExtension as NSString).lastPathComponent.lowercased()
            guard let kind = kind ?? ImportKind(rawValue: stem) else {
                throw ImportError(file: name, row: nil, field: nil,
                                  message: "cannot tell what the file holds: name it after a kind (\(ImportKind.allCases.map { $0.rawValue + ".csv" }.joined(separator: ", "))) or pass --kind")
            }
            return Source(name: name, data: data, content: .csv(kind))
        default:
            throw ImportError(file: name, row: nil, field: nil, message: "unsupported file type (use .json or .csv)")
        }
    }

    /// Whether `sources` hold more than `limit` rows, counting a CSV file's lines (an upper bound of
    /// its rows) only as far as needed.
    static func rowsExceed(_ limit: Int, in sources: [Source]) -> Bool {
        var rows = 0
        for source in sources {
            switch source.content {
            case .json(let items): rows += items.values.reduce(0) { $0 + $1.count }
            case .csv:
                source.data.withUnsafeBytes { bytes in
                    for byte in bytes where byte == 0x0A {
                        rows += 1
                        if rows > limit { break }
                    }
                }
            }
            if rows > limit { return true }
        }
        return false
    }

    /// The reading thread: reads `sources` kind by kind, validates and prepares each row, and hands
    /// the rows to the writer through `queue`; a failure is handed over after the rows before it.
    static func read(_ sources: [Source], actor: String, now: Date, into queue: ImportQueue) {
        struct Stopped: Error {}
        var chunk: [PreparedRow] = []
        chunk.reserveCapacity(chunkRows)
        func handOver() -> Bool {
            defer { chunk.removeAll(keepingCapacity: true) }
            return chunk.isEmpty || queue.put(.rows(chunk))
        }
        // The import's events are made in one instant: their ids follow each other (see `IDs.Series`).
        var eventIDs = IDs.Series("evt", now: now)
        func add(_ entry: Located) throws {
            chunk.append(try prepare(entry, actor: actor, now: now, eventIDs: &eventIDs))
            if chunk.count == chunkRows, !handOver() { throw Stopped() }
        }
        var rows = [Int](repeating: 0, count: sources.count)
        do {
            for kind in ImportKind.allCases {
                for (index, source) in sources.enumerated() {
                    switch source.content {
                    case .json(let items):
                        for entry in items[kind] ?? [] { try add(entry) }
                        rows[index] += items[kind]?.count ?? 0
                    case .csv(let fileKind) where fileKind == kind:
                        rows[index] = try readCSV(source.data, file: source.name, kind: kind, each: add)
                    case .csv:
                        break
                    }
                }
            }
            guard handOver() else { return }
            _ = queue.put(.finished(zip(sources, rows).map { source, rows in
                FileDigest(name: source.name, sha256: Hex.encode(SHA256.hash(data: source.data)), rows: rows)
            }))
        } catch is Stopped {
            return
        } catch {
            guard handOver() else { return }
            _ = queue.put(.failed(error))
        }
    }

    /// A file as the audit trail names it.
    struct FileDigest: Sendable {
        let name: String
        let sha256: String
        let rows: Int
    }

    /// The import's one audit entry (action `import`): each file's name, SHA-256 and rows, and what
    /// was written per kind. With the files, which their digests pin, it says exactly which rows
    /// the import wrote, and every row also keeps who recorded it and when; a million entries of one
    /// row each would say no more and would make the import ten times slower.
    static func auditEntry(files: [FileDigest], summary: ImportSummary, actor: String, now: Date, _ db: any SQLConnection) throws {
        let detail = files.map { "\($0.name) sha256=\($0.sha256) rows=\($0.rows)" }.joined(separator: "; ")
            + "; written: \(summary)"
        try Audit.append(db, actor: actor, action: "import", subject: files.map(\.name).joined(separator: ", "), detail: detail, at: now)
    }

    static func readJSON(_ data: Data, file: String) throws -> [ImportKind: [Located]] {
        let doc: Document
        do {
            doc = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            let failure = DecodingFailure(error)
            throw ImportError(file: file, row: nil, field: failure.field, message: failure.message)
        }
        var items: [ImportKind: [Located]] = [:]
        func add<T>(_ kind: ImportKind, _ list: [T]?, _ wrap: (T) -> Item) {
            items[kind] = (list ?? []).enumerated().map { i, value in
                Located(file: file, row: "\(kind.rawValue)[\(i)]", item: wrap(value))
            }
        }
        add(.tools, doc.tools, Item.tool)
        add(.productions, doc.productions, Item.production)
        add(.performers, doc.performers, Item.performer)
        add(.roles, doc.roles, Item.role)
        add(.grants, doc.grants, Item.grant)
        add(.approvals, doc.approvals, Item.approval)
        return items
    }

    static let csvColumns: [ImportKind: [String]] = [
        .tools: ["id", "name", "vendor", "version", "retainsInputs", "enterpriseSecured"],
        .productions: ["id", "title", "studio", "nonFiction", "contact"],
        .performers: ["id", "name", "minorUntil", "deceasedOn"],
        .roles: ["id", "production", "performer", "name", "category", "union"],
        .grants: ["id", "performer", "production", "uses", "aspects", "destinations", "territories", "excludedContent",
                  "validFrom", "validUntil", "signedBy", "survivesDeath", "description", "evidenceRef", "evidenceSha256", "status",
                  "feeAmount", "feeCurrency", "feePer", "feePensionHealthPercent"],
        .approvals: ["id", "production", "performer", "uses", "destinations", "covers", "validUntil", "approvedBy", "reference"],
    ]

    /// Reads a CSV file's rows, handing each to `each`; returns how many there were.
    static func readCSV(_ data: Data, file: String, kind: ImportKind, each: (Located) throws -> Void) throws -> Int {
        var reader = CSVReader(data: data)
        do {
            guard let header = try reader.next() else {
                throw ImportError(file: file, row: nil, field: nil, message: "the file is empty (a header row is required)")
            }
            let known = csvColumns[kind]!
            var columns: [String: Int] = [:]
            for (i, name) in header.enumerated() {
                let name = name.trimmingCharacters(in: .whitespaces)
                guard known.contains(name) else {
                    throw ImportError(file: file, row: "header", field: name,
                                      message: "unknown column for \(kind.rawValue) (expected: \(known.joined(separator: ", ")))")
                }
                guard columns[name] == nil else {
                    throw ImportError(file: file, row: "header", field: name, message: "column appears twice")
                }
                columns[name] = i
            }
            var number = 0
            while true {
                guard let values = try reader.next() else { break }
                let line = reader.recordLine
                number += 1
                let row = "row \(number) (line \(line))"
                guard values.count == header.count else {
                    throw ImportError(file: file, row: row, field: nil,
                                      message: "has \(values.count) fields; the header has \(header.count)")
                }
                let located: Located
                do {
                    located = Located(file: file, row: row, item: try item(kind, CSVRecord(columns: columns, values: values)))
                } catch let error as LikenessError {
                    throw ImportError(file: file, row: row, field: error.field, message: error.message)
                }
                try each(located)
            }
            return number
        } catch let error as CSVReader.Malformed {
            throw ImportError(file: file, row: "line \(error.line)", field: nil, message: "malformed CSV: \(error.message)")
        }
    }

    static func item(_ kind: ImportKind, _ r: CSVRecord) throws -> Item {
        switch kind {
        case .tools:
            return .tool(ToolInput(id: r.string("id"), name: r.string("name"), vendor: r.string("vendor"), version: r.string("version"),
                                   retainsInputs: try r.bool("retainsInputs"), enterpriseSecured: try r.bool("enterpriseSecured")))
        case .productions:
            return .production(ProductionInput(id: r.string("id"), title: r.string("title"), studio: r.string("studio"),
                                               nonFiction: try r.bool("nonFiction"), contact: r.string("contact")))
        case .performers:
            return .performer(PerformerInput(id: r.string("id"), name: r.string("name"),
                                             minorUntil: r.string("minorUntil"), deceasedOn: r.string("deceasedOn")))
        case .roles:
            return .role(RoleInput(id: r.string("id"), production: r.string("production"), performer: r.string("performer"),
                                   name: r.string("name"), category: r.string("category"), union: r.string("union")))
        case .grants:
            var g = GrantInput()
            g.id = r.string("id"); g.performer = r.string("performer"); g.production = r.string("production")
            g.uses = r.set("uses"); g.aspects = r.set("aspects"); g.destinations = r.set("destinations")
            g.territories = r.set("territories"); g.excludedContent = r.set("excludedContent")
            g.validFrom = r.string("validFrom"); g.validUntil = r.string("validUntil"); g.signedBy = r.string("signedBy")
            g.survivesDeath = try r.bool("survivesDeath"); g.description = r.string("description")
            g.status = r.string("status")
            if r.string("evidenceRef") != nil || r.string("evidenceSha256") != nil {
                g.evidence = EvidenceInput(documentRef: r.string("evidenceRef"), sha256: r.string("evidenceSha256"))
            }
            let fee = FeeInput(amount: try r.decimal("feeAmount"), currency: r.string("feeCurrency"), per: r.string("feePer"),
                               pensionHealthPercent: try r.decimal("feePensionHealthPercent"))
            if fee.amount != nil || fee.currency != nil || fee.per != nil || fee.pensionHealthPercent != nil { g.fee = fee }
            return .grant(g)
        case .approvals:
            var a = ApprovalInput()
            a.id = r.string("id"); a.production = r.string("production"); a.performer = r.string("performer")
            a.uses = r.set("uses"); a.destinations = r.set("destinations"); a.covers = r.set("covers")
            a.validUntil = r.string("validUntil"); a.approvedBy = r.string("approvedBy"); a.reference = r.string("reference")
            return .approval(a)
        }
    }
}
