import Foundation
import Hummingbird
import LikenessApp
import LikenessRules
import LikenessStore

/// A performer's personal data: read by privacy officers only (each read audited, as in the API),
/// written by casting and privacy.
struct PersonalPages {
    let web: WebApp

    var pages: [WebPage] {
        [
            // Privacy officers only, never admins.
            WebPage(.get, "/performers/{id}/personal", .readPersonalData, read),
            WebPage(.get, "/performers/{id}/personal/edit", .writePersonalData, edit),
            WebPage(.post, "/performers/{id}/personal", .writePersonalData, write),
        ]
    }

    struct FormView: Sendable {
        let performer: Performer
        var input = PersonalDataInput()
        /// Whether the page shows a record it read (privacy), or only a form (casting writes blind).
        var read = false
        var recorded = false
        var saved = false
        var errors = WebFormErrors.none
    }

    static func input(_ data: PersonalData) -> PersonalDataInput {
        var input = PersonalDataInput()
        input.legalName = data.legalName
        input.dateOfBirth = data.dateOfBirth?.description
        input.email = data.email
        input.phone = data.phone
        input.address = data.address
        input.governmentId = data.governmentId
        input.representative = data.representative
        input.notes = data.notes
        return input
    }

    /// Reads the record (audited), shown with the form to change it.
    func read(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let performer = try await self.performer(visit)
        var view = FormView(performer: performer, read: true, saved: visit.query("saved") != nil)
        do {
            let data = try await web.services.personalData.read(performer: performer.id, keyring: visit.session?.keyring, by: caller)
            view.input = Self.input(data)
            view.recorded = true
        } catch let error as LikenessError where error.kind == .notFound {
            view.recorded = false  // the performer exists (read above): no record yet
        }
        return .page(title: "Personal data of \(performer.name)", template: "personal", data: view)
    }

    func edit(_ visit: WebVisit) async throws -> WebAnswer {
        let view = FormView(performer: try await performer(visit), saved: visit.query("saved") != nil)
        return .page(title: "Personal data of \(view.performer.name)", template: "personal", data: view)
    }

    /// Seals and stores the record (it replaces the one before).
    func write(_ visit: WebVisit) async throws -> WebAnswer {
        let caller = try visit.caller
        let performer = try await performer(visit)
        var input = PersonalDataInput()
        input.legalName = visit.field("legalName")
        input.dateOfBirth = visit.field("dateOfBirth")
        input.email = visit.field("email")
        input.phone = visit.field("phone")
        input.address = visit.field("address")
        input.governmentId = visit.field("governmentId")
        input.representative = visit.field("representative")
        input.notes = visit.field("notes")
        do {
            try await web.services.personalData.write(input, performer: performer.id, by: caller)
            return .redirect("/performers/\(performer.id)/personal" + (caller.may(.readPersonalData) ? "" : "/edit") + "?saved=1")
        } catch let error as LikenessError where error.kind == .invalid {
            return .page(title: "Personal data of \(performer.name)", template: "personal",
                         data: FormView(performer: performer, input: input, read: caller.may(.readPersonalData), errors: WebFormErrors(error)),
                         status: error.kind.status)
        }
    }

    func performer(_ visit: WebVisit) async throws -> Performer {
        try await web.services.operations.performer(try visit.id("id", "performer"), by: visit.caller)
    }
}
