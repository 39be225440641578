import Foundation
public import SchmorlModel

/// One `schmorl assert` gold case: a sentence, the finding to judge in it, and the hand label.
///
/// The line format is that of Fixtures/assert/cases.jsonl: `{"id", "text", "target", "expected", "note"?}`,
/// with optional `"start"` / `"end"` UTF-8 byte offsets of the target when a phrase would be ambiguous.
public struct AssertionCase: Sendable, Hashable, Codable {
    /// The case id, unique in its file.
    public var id: String
    /// The sentence or passage the target sits in.
    public var text: String
    /// The target phrase, found in `text` (first occurrence, ASCII letters without case) unless `start`/`end` are
    /// given.
    public var target: String
    /// The hand label: present, absent or possible.
    public var expected: Assertion
    /// UTF-8 byte offset of the target's first byte, overriding the phrase search (with `end`).
    public var start: Int?
    /// UTF-8 byte offset one past the target's last byte.
    public var end: Int?
    /// Free text for reviewers (what the case tests).
    public var note: String?
    /// Where the case was read ("cases.jsonl:12"), for error rows; not part of the line format.
    public var location: String?

    /// A case from values; `location` is where it was read, if from a file.
    public init(
        id: String, text: String, target: String, expected: Assertion, start: Int? = nil, end: Int? = nil,
        note: String? = nil, location: String? = nil
    ) {
        self.id = id
        self.text = text
        self.target = target
        self.expected = expected
        self.start = start
        self.end = end
        self.note = note
        self.location = location
    }

    enum CodingKeys: String, CodingKey {
        case id, text, target, expected, start, end, note
    }

    /// The target as a span of UTF-8 bytes of `text`: `start..<end` when both are given, else the first
    /// occurrence of `target`, ASCII letters compared without case (as `schmorl assert` finds targets).
    /// - Throws: `SchmorlError` `.targetNotFound` when the phrase is not in the text or the offsets fall outside
    ///   it (or only one of them is given).
    public func targetSpan() throws(SchmorlError) -> TextSpan {
        let byteCount = text.utf8.count
        switch (start, end) {
        case (let start?, let end?):
            guard start >= 0, start <= end, end <= byteCount else {
                throw SchmorlError(
                    .targetNotFound,
                    "start \(start) / end \(end) fall outside the text's \(byteCount) bytes; give UTF-8 byte offsets",
                    record: id)
            }
            return TextSpan(start: start, end: end)
        case (nil, nil):
            guard let span = AssertionCase.firstOccurrence(of: target, in: text) else {
                throw SchmorlError(
                    .targetNotFound,
                    "target \"\(target)\" is not in the text; fix the phrase or give \"start\" and \"end\"",
                    record: id)
            }
            return span
        default:
            throw SchmorlError(.targetNotFound, "give both \"start\" and \"end\", or neither", record: id)
        }
    }

    /// The first occurrence of `target` in `text`, ASCII letters compared without case, as UTF-8 bytes.
    ///
    /// The same rule as `schmorl assert` uses to find its targets, so a case is judged on the span the command
    /// would judge; bytes outside ASCII must match exactly (no Unicode folding that could change lengths).
    /// - Complexity: O(text × target) bytes, on sentence-sized inputs.
    static func firstOccurrence(of target: String, in text: String) -> TextSpan? {
        let haystack = Array(text.utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        search: for start in 0...(haystack.count - needle.count) {
            for offset in 0..<needle.count where lower(haystack[start + offset]) != lower(needle[offset]) {
                continue search
            }
            return TextSpan(start: start, end: start + needle.count)
        }
        return nil
    }
}
