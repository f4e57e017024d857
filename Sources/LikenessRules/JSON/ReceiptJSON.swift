import Foundation

extension CheckReceipt {
    /// The receipt's JSON body; for a what-if check, without an id and with `"whatIf": true`.
    func json(whatIf: Bool = false) -> String {
        var w = JSONText(capacity: 1024 + reasons.count * 200)
        w.raw("{\"approvals\":"); w.strings(approvals)
        w.raw(",\"decidedAt\":"); w.timestamp(decidedAt)
        w.raw(",\"decision\":"); w.string(decision.rawValue)
        w.raw(",\"grants\":"); w.strings(grants)
        if !whatIf { w.raw(",\"id\":"); w.string(id) }
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
        w.raw(",\"presentedAsReal\":"); w.bool(request.presentedAsReal)
        w.raw(",\"production\":"); w.string(request.production)
        w.raw(",\"replicatesThirdPartyWork\":"); w.bool(request.replicatesThirdPartyWork)
        if let territory = request.territory { w.raw(",\"territory\":"); w.string(territory) }
        if let tool = request.tool { w.raw(",\"tool\":"); w.string(tool) }
        w.raw(",\"use\":"); w.string(request.use.rawValue)
        w.raw("},\"requirements\":"); w.strings(requirements.map(\.rawValue))
        if whatIf { w.raw(",\"whatIf\":true") }
        w.raw("}")
        return w.text
    }
}
