import ArgumentParser
import LikenessRules
import LikenessStore

// The model's vocabularies as typed option values: help, shell completion and errors list them.
extension Use: ExpressibleByArgument {}
extension Aspect: ExpressibleByArgument {}
extension Destination: ExpressibleByArgument {}
extension Signer: ExpressibleByArgument {}
extension RoleCategory: ExpressibleByArgument {}
extension InputKind: ExpressibleByArgument {}
extension AccountRole: ExpressibleByArgument {}
extension ImportKind: ExpressibleByArgument {}
extension RequestState: ExpressibleByArgument {}
extension ApprovalScope: ExpressibleByArgument {}
extension Capacity: ExpressibleByArgument {}
extension OfferState: ExpressibleByArgument {}
