import Foundation
import LikenessRules
import LikenessStore
import NIOCore

/// Batches of checks, as `POST /v1/checks/batch` and `likeness check --batch` read and answer them.
public enum CheckBatch {
    /// The most uses one batch may hold.
    public static let limit = 1000

    /// The uses of a batch body `{"uses": [use, ...]}`, read as `POST /v1/checks` reads a body;
    /// 400 or 422 for a body of any other shape, an empty list or more than `limit` uses.
    ///
    /// The uses are found without building the document and each read by the check-body reader;
    /// only when that fails for some use (or the body has an unusual shape) is the body read
    /// again by Foundation's parser, so that errors are exactly those of the general path.
    public static func inputs(in body: Data) throws -> [Result<CheckInput, LikenessError>] {
        let fast: [Result<CheckInput, LikenessError>]? = body.withUnsafeBytes { bytes in
            guard let ranges = JSONArrayElements.ranges(of: "uses", in: bytes), !ranges.isEmpty, ranges.count <= limit else {
                return nil
            }
            var inputs: [Result<CheckInput, LikenessError>] = []
            inputs.reserveCapacity(ranges.count)
            for range in ranges {
                guard let input = CheckInput(commonJSON: UnsafeRawBufferPointer(rebasing: bytes[range])) else { return nil }
                inputs.append(.success(input))
            }
            return inputs
        }
        return try fast ?? uses(in: body).map(input)
    }

    /// The uses of a batch body `{"uses": [use, ...]}`, each as its own JSON text; 400 or 422 for
    /// a body of any other shape, an empty list or more than `limit` uses.
    static func uses(in body: Data) throws -> [Data] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) } catch {
            throw LikenessError(.badRequest, "malformed-json", "the body is not JSON")
        }
        guard let object = parsed as? [String: Any] else {
            throw LikenessError(.badRequest, "wrong-type", #"the body must be an object {"uses": [use, ...]}"#)
        }
        guard let value = object["uses"], !(value is NSNull) else { throw LikenessError.missing("uses") }
        guard let uses = value as? [Any] else {
            throw LikenessError(.badRequest, "wrong-type", "uses must be an array of proposed uses", field: "uses")
        }
        guard !uses.isEmpty else { throw LikenessError.invalid("uses", "uses must hold at least one proposed use", code: "empty-set") }
        guard uses.count <= limit else {
            throw LikenessError.invalid("uses", "a batch holds at most \(limit) uses, not \(uses.count)", code: "too-many-items")
        }
        return try uses.map { try JSONSerialization.data(withJSONObject: $0, options: [.fragmentsAllowed]) }
    }

    /// One use, read as `POST /v1/checks` reads its body (its errors are the ones it would get alone).
    public static func input(_ json: Data) -> Result<CheckInput, LikenessError> {
        do {
            return .success(try json.withUnsafeBytes(CheckInput.init(commonJSON:)) ?? APIDecoder.decode(CheckInput.self, from: json))
        } catch let error as LikenessError {
            return .failure(error)
        } catch {
            return .failure(LikenessError(.badRequest, "malformed-json", "the use is not JSON"))
        }
    }

    /// A result as a batch answers it: the stored check as `POST /v1/checks` answers it, or
    /// `{"index": i, "error": {code, message, field?}}`.
    public static func json(_ result: Result<StoredReceipt, LikenessError>, index: Int) -> String {
        switch result {
        case .success(let stored): return stored.body
        case .failure(let error):
            let item = ItemError(index: index, error: .init(code: error.code, message: error.message, field: error.field))
            return String(decoding: (try? LikenessJSON.encoder.encode(item)) ?? Data(), as: UTF8.self)
        }
    }

    /// The answer to a batch, `{"results": [result, ...]}`, written once into one buffer.
    static func answer(_ results: [Result<StoredReceipt, LikenessError>]) -> ByteBuffer {
        let items = results.enumerated().map { json($1, index: $0) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(items.reduce(14 + items.count) { $0 + $1.utf8.count })
        buffer.writeStaticString("{\"results\":[")
        for (i, item) in items.enumerated() {
            if i > 0 { buffer.writeStaticString(",") }
            buffer.writeString(item)
        }
        buffer.writeStaticString("]}")
        return buffer
    }

    struct ItemError: Encodable {
        let index: Int
        let error: ErrorBody.Detail
    }
}
