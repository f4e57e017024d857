import Foundation

/// A direct JSON writer, an order of magnitude faster than `JSONEncoder`: the check path writes
/// receipts with it (the same bytes `LikenessJSON.encoder` produces: sorted keys, unescaped
/// slashes, RFC 3339 seconds; `ReceiptJSONTests` holds them to that) and the store writes the
/// grant's set columns.
package struct JSONText {
    package var bytes: [UInt8] = []

    package init(capacity: Int) { bytes.reserveCapacity(capacity) }

    package mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    package mutating func string(_ text: String) {
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
                bytes.append(Hex.digits[Int(byte >> 4)])
                bytes.append(Hex.digits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
    }

    package mutating func strings<S: Sequence>(_ values: S) where S.Element == String {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for value in values {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    package mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    package mutating func integer(_ value: Int64) { bytes.append(contentsOf: String(value).utf8) }

    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A JSON array of strings, as stored in the grant's set columns.
    package static func array(_ values: [String]) -> String {
        var w = JSONText(capacity: 16 * values.count + 2)
        w.strings(values)
        return w.text
    }

    /// A grant's evidence object, as stored.
    package static func evidence(_ e: Evidence) -> String {
        var w = JSONText(capacity: 256)
        w.raw("{")
        var first = true
        func field(_ name: StaticString, _ value: String?) {
            guard let value else { return }
            w.raw(first ? "" : ","); first = false
            w.string(name.description); w.raw(":"); w.string(value)
        }
        // The keys in sorted order, as the encoder sorts them.
        field("capacity", e.capacity?.rawValue)
        field("documentRef", e.documentRef)
        field("method", e.method.rawValue)
        field("offer", e.offer)
        field("sha256", e.sha256)
        if let signedAt = e.signedAt { w.raw(",\"signedAt\":"); w.timestamp(signedAt) }
        field("signer", e.signer)
        field("typedName", e.typedName)
        w.raw("}")
        return w.text
    }

    /// RFC 3339 in UTC to the second, as `JSONEncoder.DateEncodingStrategy.iso8601` writes it.
    package mutating func timestamp(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        string(UTCText.format(millis: seconds * 1000, separator: UInt8(ascii: "T"), fraction: false, suffix: "Z"))
    }
}
