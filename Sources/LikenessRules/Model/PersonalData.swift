import Foundation

/// A performer's personal data: the most sensitive thing Likeness holds. Stored only sealed.
public struct PersonalData: Codable, Sendable, Equatable {
    public var legalName: String
    public var dateOfBirth: Day?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var governmentId: String?
    public var representative: String?
    public var notes: String?
}

/// The body of `PUT /v1/performers/{id}/personal`.
public struct PersonalDataInput: Codable, Sendable {
    public var legalName: String?
    public var dateOfBirth: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var governmentId: String?
    public var representative: String?
    public var notes: String?

    public init() {}

    public func validated() throws -> PersonalData {
        let email = try Validate.text(self.email, "email", max: 254)
        if let email, !email.unicodeScalars.contains("@") {
            throw LikenessError.invalid("email", "email is not an e-mail address", code: "invalid-email")
        }
        return PersonalData(
            legalName: try Validate.requiredText(legalName, "legalName", max: 300),
            dateOfBirth: try Validate.day(dateOfBirth, "dateOfBirth"),
            email: email,
            phone: try Validate.text(phone, "phone", max: 50),
            address: try Validate.text(address, "address", max: 1000),
            governmentId: try Validate.text(governmentId, "governmentId", max: 100),
            representative: try Validate.text(representative, "representative", max: 300),
            notes: try Validate.text(notes, "notes", max: 4000))
    }
}
