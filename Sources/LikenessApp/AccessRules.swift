import LikenessRules
import LikenessStore

/// Who may call an operation.
public enum Access: Sendable, Equatable {
    /// No credentials needed.
    case anyone
    /// Any signed-in caller, whatever the role.
    case signedIn
    /// Callers of these roles, and admins.
    case roles(Set<AccountRole>)
    /// Callers of exactly these roles; admins are not implied (reading personal data).
    case only(Set<AccountRole>)

    /// The roles that may call, every role for `signedIn`; nil when no credentials are needed.
    public var allowedRoles: Set<AccountRole>? {
        switch self {
        case .anyone: nil
        case .signedIn: Set(AccountRole.allCases)
        case .roles(let roles): roles.union([.admin])
        case .only(let roles): roles
        }
    }
}

/// Everything an account may be allowed to do. The API's routes, the web app's pages and the
/// CLI's commands each name the permission they exercise; the operation behind them checks it.
public enum Permission: Int, CaseIterable, Sendable {
    case signIn, readPublicDocuments, signOut, changeOwnPassword
    case readRegistry, recordPerformer, editPerformer, recordProduction, editProduction, recordRole
    case recordTool, setUnionStrike
    case recordGrant, changeGrant, readImpact
    case recordApproval, readApproval, revokeApproval
    case requestApproval, readApprovalRequests, decideApprovalRequest, withdrawApprovalRequest, readUseRegister
    case check, whatIf, readCheck
    case writePersonalData, readPersonalData
    case readAudit, readAlerts, readEvents
    case manageAccounts, manageWebhooks
    // The performer's side (performers.md).
    case readRegistryRecord, readOwnAccount
    case invite, acceptInvitation, readDelegations, revokeDelegation
    case offerConsent, readOffers, answerOffer, withdrawOffer
    case readConsentRecord, readUses, exportPerformer
    // Notifications (notifications.md).
    case changeOwnAccount, readMail, sendDigest
    // Compensation (compensation.md).
    case reportUsage, readStatement, readPayables

    /// The role table of the spec, one line per permission. Admins hold every permission that
    /// names roles with `.roles`; `.only` leaves them out (personal data is for privacy officers).
    /// Rows narrowed further by the row itself (a studio acts on the productions naming it as
    /// contact, a production account on its own checks and requests) say so; the narrowing is in
    /// `AccessRules` below and in the store's queries named there.
    public var access: Access {
        switch self {
        case .signIn, .readPublicDocuments:                      .anyone
        case .signOut, .changeOwnPassword:                       .signedIn
        case .readRegistry:                                      .roles([.casting, .production, .privacy, .auditor, .studio])
        case .recordPerformer, .editPerformer:                   .roles([.casting])
        case .recordProduction, .editProduction, .recordRole:    .roles([.casting])
        case .recordTool, .setUnionStrike:                       .roles([.admin])
        case .recordGrant:                                       .roles([.casting])
        case .changeGrant:                                       .roles([.casting, .performer, .representative]) // the performer's side: its performers' (PerformerSideRules)
        case .readImpact:                                        .roles([.casting, .auditor])
        case .recordApproval, .revokeApproval:                   .roles([.studio])              // the production's contact
        case .readApproval:                                      .roles([.casting, .production, .auditor, .studio])
        case .requestApproval, .withdrawApprovalRequest:         .roles([.production, .casting]) // withdraw: its requester
        case .readApprovalRequests:                              .roles([.production, .casting, .auditor, .studio]) // production: its own; studio: its productions'
        case .decideApprovalRequest:                             .roles([.studio])              // the production's contact
        case .readUseRegister:                                   .roles([.casting, .auditor, .studio]) // studio: its productions'
        case .check:                                             .roles([.production, .casting])
        case .whatIf:                                            .roles([.production, .casting, .studio])
        case .readCheck:                                         .roles([.production, .casting, .auditor, .studio]) // production: its own; studio: its productions'
        case .writePersonalData:                                 .roles([.casting, .privacy])
        case .readPersonalData:                                  .only([.privacy])
        case .readAudit:                                         .roles([.auditor])
        case .readAlerts, .readEvents:                           .roles([.casting, .auditor])
        case .manageAccounts, .manageWebhooks:                   .roles([.admin])
        // One performer, grant, production or tool by id: the staff every one; the performer's
        // side its performers', their grants, and the productions and tools those name.
        case .readRegistryRecord:                                .roles([.casting, .production, .privacy, .auditor, .studio, .performer, .representative])
        case .readOwnAccount:                                    .signedIn
        case .invite, .offerConsent, .withdrawOffer:             .roles([.casting])
        case .acceptInvitation:                                  .anyone
        case .readDelegations, .readOffers, .readConsentRecord, .readUses:
                                                                 .roles([.casting, .auditor, .performer, .representative]) // the performer's side: its performers'
        case .revokeDelegation:                                  .roles([.casting, .performer])  // a performer: its agents' delegations
        case .answerOffer:                                       .only([.performer, .representative]) // who may sign for the offer's performer today
        case .exportPerformer:                                   .only([.privacy, .performer, .representative]) // capacity self, guardian or estate
        case .changeOwnAccount:                                  .signedIn // its own address and muted kinds (an API key has none)
        case .readMail, .sendDigest:                             .roles([]) // admins
        case .reportUsage:                                       .roles([.production, .casting]) // production: the checks it made
        case .readStatement:                                     .roles([.casting, .auditor, .performer, .representative]) // the performer's side: its performers'
        case .readPayables:                                      .roles([.casting, .auditor, .studio, .production]) // studio: its productions'; production: those it checked
        }
    }

    /// `access.allowedRoles` as bits, worked out once for every permission (checked on every
    /// request, the check path's included: a lookup by the case's number, nothing allocated).
    public var allowed: EnumSet<AccountRole>? { Self.allowedByPermission[rawValue] }

    private static let allowedByPermission = allCases.map { $0.access.allowedRoles.map(EnumSet.init) }
}

extension Identity {
    /// Whether this caller's role holds `permission` (the row may still narrow it).
    public func may(_ permission: Permission) -> Bool {
        permission.allowed?.contains(role) ?? true
    }

    /// Refuses (403) a caller whose role does not hold `permission`.
    public func require(_ permission: Permission) throws {
        guard may(permission) else { throw LikenessError.forbidden(role) }
    }

    /// Who runs the CLI: whoever can open the database's file or URL holds every permission, and
    /// is recorded under the name given.
    public static func `operator`(_ name: String) -> Identity { Identity(actor: name, role: .admin) }
}

/// The rules that look at the row as well as the role.
public enum AccessRules {
    /// A studio account acts only on the productions that name it as contact (403 otherwise);
    /// every other caller the permission allows acts on all.
    public static func requireContact(of production: String, _ caller: Identity, _ db: any SQLConnection) throws {
        guard caller.role == .studio else { return }
        let contact = try Registry.require(Production.self, production, "production", field: "production", db).contact
        guard contact == caller.actor else {
            throw LikenessError(.forbidden, "forbidden", "\(caller.actor) is not the studio contact of production \(production)")
        }
    }

    /// Whether `caller` may read the use register of `production` (a studio only its own productions').
    public static func mayReadUseRegister(of production: Production, _ caller: Identity) -> Bool {
        caller.may(.readUseRegister) && (caller.role != .studio || production.contact == caller.actor)
    }
}
