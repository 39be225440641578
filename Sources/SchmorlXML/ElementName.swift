/// An element's local name as borrowed UTF-8 bytes, matched against string literals without making a `String`.
///
/// Why: the renderers ask the role of every element of a narrative, and building a `String` per element to switch
/// on it cost more than the rest of the walk. With ``~=(_:_:)`` a `switch` over the name reads as before
/// (`case "paragraph":`) but compares bytes. Valid only while the bytes it borrows are (inside the parse).
struct ElementName {
    let bytes: UnsafeBufferPointer<UInt8>

    /// Whether the name is exactly `literal` (case-sensitive, as XML names are).
    ///
    /// - Complexity: O(n) in the literal's length; no allocation.
    static func ~= (literal: StaticString, name: ElementName) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard name.bytes.count == count, let own = name.bytes.baseAddress else { return count == 0 }
        let other = literal.utf8Start
        var index = 0
        while index < count {
            if own[index] != other[index] { return false }
            index += 1
        }
        return true
    }
}
