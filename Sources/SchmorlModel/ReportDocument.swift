/// How a report reached the engine.
public enum SourceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case text
    case cda
    case fhirXML = "fhir-xml"
    case fhirJSON = "fhir-json"
    case dicomSR = "dicom-sr"
    case dicomNative = "dicom-native"
    case openI = "openi"
    case genericXML = "xml"
}

/// The canonical sections of a radiology report (domain.md §6.1).
public enum SectionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text before the first header (exam name, demographics).
    case preamble
    case history
    case technique
    case comparison
    case findings
    case impression
    case recommendation
    case addendum
    case other

    /// Sections whose statements are clinical questions or background, not imaging findings (rules.md §4).
    public var isClinicalContext: Bool { self == .history }
}

/// A titled block of the report, as a byte range of `ReportDocument.text`.
public struct ReportSection: Sendable, Hashable, Codable {
    public var kind: SectionKind
    /// The header as written ("CLINICAL HISTORY"), or empty for the preamble.
    public var title: String
    /// The whole section, header included.
    public var range: TextSpan
    /// Where the section came from in a structured source: a LOINC or DICOM code, or an XML label.
    public var sourceCode: String?

    public init(kind: SectionKind, title: String, range: TextSpan, sourceCode: String? = nil) {
        self.kind = kind
        self.title = title
        self.range = range
        self.sourceCode = sourceCode
    }
}

/// Maps offsets of an assembled narrative back to line and column in the source document.
///
/// Each anchor says: narrative byte `offset` came from source `position`, and the bytes after it up to the next
/// anchor follow on the same source line (so the column advances byte for byte).
public struct SourceMap: Sendable, Hashable, Codable {
    public struct Anchor: Sendable, Hashable, Codable {
        public var offset: Int
        public var position: SourcePosition
        public init(offset: Int, position: SourcePosition) {
            self.offset = offset
            self.position = position
        }
    }

    /// Sorted by offset.
    public var anchors: [Anchor]

    public init(anchors: [Anchor]) { self.anchors = anchors }

    /// The source position of a narrative byte offset.
    /// - Complexity: O(log n) in the number of anchors.
    public func position(of offset: Int) -> SourcePosition? {
        var low = 0
        var high = anchors.count
        while low < high {
            let mid = (low + high) / 2
            if anchors[mid].offset <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let anchor = anchors[low - 1]
        return SourcePosition(line: anchor.position.line, column: anchor.position.column + offset - anchor.offset)
    }
}

/// A report as the engine reads it: its id, the text, and the sections a structured source gave it.
///
/// Free text arrives with no sections (the engine finds them); XML ingest hands over the narrative it assembled
/// with the sections its markup named, so extraction runs unchanged on both.
public struct ReportDocument: Sendable, Hashable, Codable {
    public var id: String
    public var sourceFormat: SourceFormat
    public var text: String
    /// Sections the source's structure gave; empty for free text.
    public var sections: [ReportSection]
    public var sourceMap: SourceMap?
    /// Identifiers from a structured header (patient id, accession), never report text.
    public var metadata: [String: String]

    public init(
        id: String, sourceFormat: SourceFormat = .text, text: String, sections: [ReportSection] = [],
        sourceMap: SourceMap? = nil, metadata: [String: String] = [:]
    ) {
        self.id = id
        self.sourceFormat = sourceFormat
        self.text = text
        self.sections = sections
        self.sourceMap = sourceMap
        self.metadata = metadata
    }
}

/// Everything Schmorl read out of one report.
public struct Extraction: Sendable, Hashable, Codable {
    /// Version of the output shape (`Schemas/extraction.schema.json`).
    public static let schemaVersion = "1.0"

    public var id: String
    public var sourceFormat: SourceFormat
    /// The sections the engine used, in text order.
    public var sections: [ReportSection]
    public var nodes: [ClassifiedNode]
    public var differentials: [Differential]
    /// Things a reviewer should know (an ambiguous endplate, a correction in an addendum).
    public var notes: [String]

    public init(
        id: String, sourceFormat: SourceFormat, sections: [ReportSection], nodes: [ClassifiedNode],
        differentials: [Differential], notes: [String] = []
    ) {
        self.id = id
        self.sourceFormat = sourceFormat
        self.sections = sections
        self.nodes = nodes
        self.differentials = differentials
        self.notes = notes
    }
}
