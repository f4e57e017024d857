import Foundation
import LikenessRules

/// A grant as an ISO/IEC TS 27560 consent record in the W3C DPV's profile, JSON-LD with its
/// context inline (a reader needs no fetch).
public enum ConsentRecord {
    public static let profile = "https://w3id.org/dpv/schema/dpv-27560#record"

    /// The DPV consent status of `grant` on `today`: withdrawn when the performer's side revoked
    /// it, revoked when anyone else did, expired past `validUntil`, else given (with Likeness's own
    /// `suspended` note while suspended).
    public static func status(_ grant: Grant, lastChange: GrantStatusChange?, today: Day) -> String {
        if grant.status == .revoked { return lastChange?.by.isPerformerSide == true ? "dpv:ConsentWithdrawn" : "dpv:ConsentRevoked" }
        if today > grant.validUntil { return "dpv:ConsentExpired" }
        return "dpv:ConsentGiven"
    }

    /// The record, as JSON text.
    public static func jsonLD(grant: Grant, history: [GrantStatusChange], controller: String, controllerName: String?,
                              today: Day) throws -> String {
        let status = status(grant, lastChange: history.last, today: today)
        var purposes: [[String: Any]] = []
        for use in grant.uses {
            for destination in grant.destinations {
                purposes.append([
                    "@type": "dpv:Purpose",
                    "dct:identifier": "\(use.rawValue)/\(destination.rawValue)",
                    "dct:description": "\(ConsentTerms.words(use)), for \(ConsentTerms.words(destination))",
                    "likeness:use": use.rawValue, "likeness:destination": destination.rawValue,
                ])
            }
        }
        var evidence: [String: Any] = ["likeness:method": (grant.evidence ?? .documentWithoutReference).method.rawValue]
        if let e = grant.evidence {
            if let v = e.documentRef { evidence["likeness:documentRef"] = v }
            if let v = e.sha256 { evidence["likeness:sha256"] = v }
            if let v = e.offer { evidence["likeness:offer"] = v }
            if let v = e.signer { evidence["likeness:signer"] = v }
            if let v = e.capacity { evidence["likeness:capacity"] = v.rawValue }
            if let v = e.typedName { evidence["likeness:typedName"] = v }
            if let v = e.signedAt { evidence["likeness:signedAt"] = timestamp(v) }
        }
        var consentStatus: [String: Any] = ["@id": status]
        if grant.status == .suspended && status == "dpv:ConsentGiven" {
            consentStatus["likeness:suspended"] = true
            consentStatus["likeness:note"] = "suspended: no use is allowed until the grant is resumed"
        }
        var controllerNode: [String: Any] = ["@type": "dpv:DataController", "dct:identifier": controller]
        if let controllerName { controllerNode["dpv:hasName"] = controllerName }
        let record: [String: Any] = [
            "@context": [
                "dpv": "https://w3id.org/dpv#",
                "dct": "http://purl.org/dc/terms/",
                "xsd": "http://www.w3.org/2001/XMLSchema#",
                "likeness": "https://likeness.dev/ns#",
                "dct:valid": ["@type": "xsd:string"],
                "dpv:hasConsentStatus": ["@type": "@id"],
            ],
            "@id": "urn:likeness:grant:\(grant.id)",
            "@type": "dpv:ConsentRecord",
            "dct:conformsTo": profile,
            "dct:identifier": grant.id,
            "dpv:hasDataSubject": ["@type": "dpv:DataSubject", "dct:identifier": grant.performer],
            "dpv:hasDataController": controllerNode,
            "dpv:hasPurpose": purposes,
            "dpv:hasPersonalData": grant.aspects.map { ["@type": "dpv:PersonalData", "dct:identifier": $0.rawValue,
                                                        "dct:description": ConsentTerms.words($0)] },
            "dct:valid": "\(grant.validFrom)/\(grant.validUntil)",
            "dpv:hasNotice": ["@type": "dpv:ConsentNotice", "dct:description": grant.description, "likeness:evidence": evidence],
            "dpv:hasConsentStatus": consentStatus,
            "likeness:territories": grant.territories,
            "likeness:excludedContent": grant.excludedContent,
            "likeness:survivesDeath": grant.survivesDeath,
            "likeness:signedBy": grant.signedBy.rawValue,
            "dct:created": timestamp(grant.recordedAt),
            "likeness:history": history.map { change in
                var by: [String: Any] = ["account": change.by.account, "role": change.by.role.rawValue]
                if let capacity = change.by.capacity { by["capacity"] = capacity.rawValue }
                return ["status": change.status.rawValue, "reason": change.reason, "at": timestamp(change.at), "by": by] as [String: Any]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// RFC 3339 in UTC to the second, as the API's answers write timestamps.
    static func timestamp(_ date: Date) -> String {
        UTCText.format(millis: Int(date.timeIntervalSince1970.rounded(.down)) * 1000, separator: UInt8(ascii: "T"), fraction: false,
                       suffix: "Z")
    }
}
