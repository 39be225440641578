/// A free-text report as a bulk record carries it: its UTF-8 bytes, known to be valid UTF-8.
///
/// Why bytes and not a `String`: the text engine works on UTF-8 bytes, so a `String` made from a JSON Lines
/// record would be validated once more when made (the reader has already checked every byte) and then copied back
/// into an array by the engine: about 4,000 instructions per corpus report in all, a fifth of what reading a
/// record cost before. Made from a `String`
/// (or a literal, interpolations included) it holds that string's bytes, so both kinds of record read the same.
public struct ReportText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The text's bytes: valid UTF-8.
    public let utf8: [UInt8]

    public init(_ string: String) {
        utf8 = Array(string.utf8)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Wraps bytes the caller has checked to be valid UTF-8 (not checked again).
    init(validatedUTF8 bytes: [UInt8]) {
        utf8 = bytes
    }

    /// The text as a `String`, for callers that want one (made on each call).
    public var string: String { String(decoding: utf8, as: UTF8.self) }

    public var description: String { string }
}
