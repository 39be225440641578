/// A half-open range of **UTF-8 byte offsets** into the text the engine read.
///
/// Every span in Schmorl's output counts bytes, not characters: the engine works on UTF-8 bytes and a byte range
/// can be sliced from the original text without re-scanning it. For XML input the text is the narrative the XML
/// reader assembled (`ReportDocument.text`), and `ReportDocument.sourceMap` maps a span back to line and column.
public struct TextSpan: Sendable, Hashable, Codable, Comparable {
    /// First byte of the span.
    public var start: Int
    /// One past the last byte of the span.
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(start <= end, "a span ends before it starts")
        self.start = start
        self.end = end
    }

    public var count: Int { end - start }
    public var isEmpty: Bool { start == end }

    /// The smallest span that covers both.
    public func union(_ other: TextSpan) -> TextSpan {
        TextSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}

/// A line and column in the source document (1-based; the column counts UTF-8 bytes), for input that was not
/// read as plain text.
public struct SourcePosition: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Evidence for a decision: the span of text it rests on, with the quoted snippet so a reader need not slice.
public struct Evidence: Sendable, Hashable, Codable {
    public var span: TextSpan
    /// The exact text of `span`.
    public var text: String
    /// Where the span starts in the source document, when the text was assembled from XML.
    public var source: SourcePosition?

    public init(span: TextSpan, text: String, source: SourcePosition? = nil) {
        self.span = span
        self.text = text
        self.source = source
    }
}
