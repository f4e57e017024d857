/// A closed vocabulary of the API, spelled as in the spec.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Codable, Hashable, Sendable
where AllCases == [Self] {}

extension Vocabulary {
    /// Position in `allCases`: the canonical order used in answers.
    @inlinable var index: Int { Self.allCases.firstIndex(of: self)! }
    /// The accepted values, for error messages.
    package static var spelled: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A set of vocabulary values packed into bits; iterates in canonical order.
///
/// Generic over the vocabulary and used by the store's facts index as well as the engine: its
/// members are `@inlinable` so that every module gets them specialised for the concrete enum.
public struct EnumSet<Element: Vocabulary>: Hashable, Sendable, Sequence {
    /// Bit `i` stands for `Element.allCases[i]`.
    @usableFromInline var bits: UInt16 = 0

    @inlinable public init() {}
    @inlinable public init(_ values: some Sequence<Element>) { for v in values { insert(v) } }

    @inlinable public func contains(_ value: Element) -> Bool { bits & (1 << value.index) != 0 }
    @inlinable public mutating func insert(_ value: Element) { bits |= 1 << value.index }
    @inlinable public var isEmpty: Bool { bits == 0 }
    @inlinable public var array: [Element] { Element.allCases.filter(contains) }

    /// Walks the set bits in canonical order, without allocating.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var remaining: UInt16
        @inlinable init(remaining: UInt16) { self.remaining = remaining }
        @inlinable public mutating func next() -> Element? {
            guard remaining != 0 else { return nil }
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return Element.allCases[index]
        }
    }

    @inlinable public func makeIterator() -> Iterator { Iterator(remaining: bits) }
}
