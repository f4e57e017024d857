import Foundation

/// Writes a receipt's JSON directly: the same bytes `LikenessJSON.encoder` produces (sorted keys,
/// unescaped slashes, RFC 3339 seconds), an order of magnitude faster, for the check path.
struct JSONText {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        if text.utf8.withContiguousStorageIfAvailable({ append(quoting: $0) }) == nil {
            var copy = text
            copy.withUTF8 { append(quoting: $0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(quoting utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            escaped(utf8)
            return
        }
        bytes.append(contentsOf: utf8)
    }

    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(Tokens.hexDigits[Int(byte >> 4)])
                bytes.append(Tokens.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
    }

    mutating func strings<S: Sequence>(_ values: S) where S.Element == String {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A JSON array of strings, as stored in the grant's set columns.
    static func array(_ values: [String]) -> String {
        var w = JSONText(capacity: 16 * values.count + 2)
        w.strings(values)
        return w.text
    }

    /// A grant's evidence object, as stored.
    static func evidence(_ e: Evidence) -> String {
        var w = JSONText(capacity: 128)
        w.raw("{")
        if let ref = e.documentRef { w.raw("\"documentRef\":"); w.string(ref) }
        if let sha = e.sha256 { if e.documentRef != nil { w.raw(",") }; w.raw("\"sha256\":"); w.string(sha) }
        w.raw("}")
        return w.text
    }

    /// RFC 3339 in UTC to the second, as `JSONEncoder.DateEncodingStrategy.iso8601` writes it.
    mutating func timestamp(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        string(UTCText.format(millis: seconds * 1000, separator: UInt8(ascii: "T"), fraction: false, suffix: "Z"))
    }
}

extension CheckReceipt {
    /// The receipt's JSON body.
    func json() -> String {
        var w = JSONText(capacity: 1024 + reasons.count * 200)
        w.raw("{\"approvals\":"); w.strings(approvals)
        w.raw(",\"decidedAt\":"); w.timestamp(decidedAt)
        w.raw(",\"decision\":"); w.string(decision.rawValue)
        w.raw(",\"grants\":"); w.strings(grants)
        w.raw(",\"id\":"); w.string(id)
        w.raw(",\"obligations\":"); w.strings(obligations.map(\.rawValue))
        w.raw(",\"reasons\":[")
        for (i, r) in reasons.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{")
            if let aspect = r.aspect { w.raw("\"aspect\":"); w.string(aspect.rawValue); w.raw(",") }
            w.raw("\"code\":"); w.string(r.code)
            if let grant = r.grant { w.raw(",\"grant\":"); w.string(grant) }
            w.raw(",\"message\":"); w.string(r.message)
            w.raw(",\"outcome\":"); w.string(r.outcome.rawValue)
            if let requirement = r.requirement { w.raw(",\"requirement\":"); w.string(requirement.rawValue) }
            if let union = r.union { w.raw(",\"union\":"); w.string(union) }
            w.raw("}")
        }
        w.raw("],\"request\":{\"aspects\":"); w.strings(request.aspects.map(\.rawValue))
        w.raw(",\"at\":"); w.string(request.at.description)
        w.raw(",\"content\":"); w.strings(request.content)
        if let customary = request.customary { w.raw(",\"customary\":"); w.bool(customary) }
        w.raw(",\"destination\":"); w.string(request.destination.rawValue)
        w.raw(",\"inputs\":"); w.strings(request.inputs.map(\.rawValue))
        if let performer = request.performer { w.raw(",\"performer\":"); w.string(performer) }
        w.raw(",\"production\":"); w.string(request.production)
        w.raw(",\"replicatesThirdPartyWork\":"); w.bool(request.replicatesThirdPartyWork)
        if let territory = request.territory { w.raw(",\"territory\":"); w.string(territory) }
        if let tool = request.tool { w.raw(",\"tool\":"); w.string(tool) }
        w.raw(",\"use\":"); w.string(request.use.rawValue)
        w.raw("},\"requirements\":"); w.strings(requirements.map(\.rawValue))
        w.raw("}")
        return w.text
    }
}
