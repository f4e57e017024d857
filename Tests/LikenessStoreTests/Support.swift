import Foundation
@testable import LikenessRules
@testable import LikenessStore

/// A valid grant body for tests to vary.
func grantInput(id: String? = nil, performer: String = "p-lena", production: String? = "prod-nova") -> GrantInput {
    var g = GrantInput()
    g.id = id; g.performer = performer; g.production = production
    g.uses = ["replica"]; g.aspects = ["face"]; g.destinations = ["final"]; g.territories = ["*"]
    g.validFrom = "2026-01-01"; g.validUntil = "2027-01-01"; g.signedBy = "performer"
    g.description = "Face replica for reshoots of episode 3"
    return g
}
