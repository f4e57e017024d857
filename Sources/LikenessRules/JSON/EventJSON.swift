import Foundation

/// The JSON of a grant event, written by hand: an import writes one per grant, and `JSONEncoder`
/// took most of the time that cost. It is byte for byte what `LikenessJSON.encoder` writes of the
/// same event (sorted keys, `production` null for a studio-wide grant), which a differential test
/// holds it to.
package enum EventJSON {
    package static func grant(id: String, type: String, at: Date, grant: String, performer: String, production: String?,
                              status: String, reason: String, impactedChecks: [String], by: ActedBy) -> String {
        var w = JSONText(capacity: 320 + reason.utf8.count + impactedChecks.count * 40)
        w.raw("{\"at\":"); w.timestamp(at)
        w.raw(",\"data\":{\"by\":"); w.actedBy(by)
        w.raw(",\"grant\":"); w.string(grant)
        w.raw(",\"impactedChecks\":"); w.strings(impactedChecks)
        w.raw(",\"performer\":"); w.string(performer)
        w.raw(",\"production\":")
        if let production { w.string(production) } else { w.raw("null") }
        w.raw(",\"reason\":"); w.string(reason)
        w.raw(",\"status\":"); w.string(status)
        w.raw("},\"id\":"); w.string(id)
        w.raw(",\"type\":"); w.string(type)
        w.raw("}")
        return w.text
    }
}

extension JSONText {
    /// `{"account", "capacity"?, "role"}`, keys sorted as the encoder sorts them.
    package mutating func actedBy(_ by: ActedBy) {
        raw("{\"account\":"); string(by.account)
        if let capacity = by.capacity { raw(",\"capacity\":"); string(capacity.rawValue) }
        raw(",\"role\":"); string(by.role.rawValue)
        raw("}")
    }
}
