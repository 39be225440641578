import SchmorlModel

/// How XML ingest names sections: by LOINC or DICOM code, by header text, and what counts as a level heading.
///
/// The header variants are those of domain.md §6.1 ("Sections and headers"); the codes are the LOINC section
/// codes of C-CDA's Diagnostic Imaging Report and the DICOM concept codes (CID 7001 "Diagnostic Imaging Report
/// Headings", scheme DCM) that CDA, DICOM SR and C-CDA fragments use for the same headings.
enum SectionVocabulary {
    /// What a coded section is; `nil` for a code that holds no report text (the DICOM Object Catalog).
    enum CodedKind {
        case section(SectionKind)
        case ignored
    }

    /// LOINC and DCM codes to section kinds.
    static let codes: [String: CodedKind] = [
        // LOINC (C-CDA Diagnostic Imaging Report and general C-CDA sections)
        "18782-3": .section(.findings),  // Radiology Study observation (findings)
        "59776-5": .section(.findings),  // Procedure findings
        "19005-8": .section(.impression),  // Radiology Impression
        "55110-1": .section(.impression),  // Conclusions
        "55752-0": .section(.history),  // Clinical information
        "11329-0": .section(.history),  // History general
        "10164-2": .section(.history),  // History of present illness
        "18785-6": .section(.history),  // Radiology Reason for study
        "42349-1": .section(.history),  // Reason for referral
        "29299-5": .section(.history),  // Reason for visit
        "55111-9": .section(.technique),  // Current imaging procedure descriptions
        "18834-2": .section(.comparison),  // Radiology Comparison study
        "18783-1": .section(.recommendation),  // Radiology Study recommendation
        "55107-7": .section(.addendum),  // Addendum
        // DICOM (DCM), CID 7001 and the SR templates' headings and items
        "121060": .section(.history),  // History
        "121062": .section(.history),  // Request
        "121109": .section(.history),  // Indications for Procedure
        "121110": .section(.history),  // Patient Presentation
        "121064": .section(.technique),  // Current Procedure Descriptions
        "121065": .section(.technique),  // Procedure Description
        "121066": .section(.comparison),  // Prior Procedure Descriptions
        "121070": .section(.findings),  // Findings
        "121071": .section(.findings),  // Finding
        "121072": .section(.impression),  // Impressions
        "121073": .section(.impression),  // Impression
        "121076": .section(.impression),  // Conclusions
        "121077": .section(.impression),  // Conclusion
        "121111": .section(.impression),  // Summary
        "121074": .section(.recommendation),  // Recommendations
        "121075": .section(.recommendation),  // Recommendation
        "121181": .ignored,  // DICOM Object Catalog: references to images, no report text
    ]

    /// A section code as read from a document, with what ``codes`` says of it (`kind` nil for a code not listed).
    struct CodedSection {
        let code: String
        let kind: CodedKind?
    }

    /// ``codes`` keyed by their bytes packed into one integer, low byte first (every code is ASCII, at most eight
    /// bytes and without NUL, so the packing is one-to-one), each with its code's String.
    ///
    /// Why: a CDA document names each section by code; comparing one integer per entry finds it without making a
    /// String of the attribute or hashing one, and a listed code's String is shared, not made again.
    private static let packedCodes: [(key: UInt64, section: CodedSection)] = codes.map { code, kind in
        var copy = code
        let key = copy.withUTF8 { packed($0) }
        precondition(key != nil, "section codes are at most eight bytes")
        return (key ?? 0, CodedSection(code: code, kind: kind))
    }

    /// `bytes` packed into an integer, low byte first, or nil beyond eight bytes.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for (index, byte) in bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
        return key
    }

    /// The section a code names: ``codes`` looked up on the code's bytes (an attribute value).
    static func codedSection(_ bytes: UnsafeBufferPointer<UInt8>) -> CodedSection {
        if let key = packed(bytes), !bytes.contains(0) {
            for entry in packedCodes where entry.key == key { return entry.section }
        }
        return CodedSection(code: String(decoding: bytes, as: UTF8.self), kind: nil)
    }

    /// DICOM item codes that name one entry of a heading's list ("Finding" under "Findings"): their concept name
    /// is not repeated as a label in the narrative.
    static let itemCodes: Set<String> = ["121071", "121073", "121065", "121075", "121077"]

    /// Header text (lower case, single spaces, no colon) to section kind: domain.md §6.1, kept in step with the
    /// text engine's header list so that a header reads the same in XML and in free text.
    static let headers: [String: SectionKind] = {
        var table: [String: SectionKind] = [:]
        let groups: [(SectionKind, [String])] = [
            (
                .history,
                [
                    "clinical history", "history", "indication", "indications", "reason for exam",
                    "reason for examination", "reason for study", "reason for the study", "clinical information",
                    "clinical details", "clinical question", "hx", "clinical indication", "clinical indications",
                    "indications for procedure", "indication for exam", "indication for study",
                    "history of present illness",
                    "clinical data", "clinical notes", "patient history", "relevant history", "reason for referral",
                    "clinical", "presenting complaint", "symptoms", "history and indication",
                    "clinical history/indication",
                ]
            ),
            (
                .technique,
                [
                    "technique", "techniques", "procedure", "procedures", "protocol", "sequences", "contrast",
                    "procedure description", "current procedure descriptions", "procedure descriptions",
                    "imaging technique", "mri technique",
                ]
            ),
            (
                .comparison,
                [
                    "comparison", "comparisons", "prior", "priors", "prior studies", "prior study", "compared with",
                    "comparison study", "comparison studies", "prior procedure descriptions", "prior exam",
                    "prior examination",
                ]
            ),
            (
                .findings,
                [
                    "findings", "finding", "report", "description", "observations", "results", "result", "mri findings",
                    "mr findings", "technique and findings",
                ]
            ),
            (
                .impression,
                [
                    "impression", "impressions", "conclusion", "conclusions", "summary", "opinion", "diagnosis",
                    "assessment", "interpretation", "comment", "comments",
                ]
            ),
            (.recommendation, ["recommendation", "recommendations", "follow-up", "follow up"]),
            (.addendum, ["addendum", "addenda"]),
            (
                .other,
                ["critical result", "critical results", "critical communication", "communication", "attestation"]
            ),
            // The exam line names the study: the preamble, as the text engine reads it.
            (.preamble, ["exam", "examination", "study", "exam type", "examination type", "procedure performed"]),
        ]
        for (kind, names) in groups {
            for name in names { table[name] = kind }
        }
        return table
    }()

    /// The kind a header names, or nil when it is not a section header. Case, spacing, a trailing colon and
    /// camelCase or snake_case element names ("clinicalHistory", "CLINICAL_HISTORY") are all accepted.
    static func kind(ofHeader text: String) -> SectionKind? {
        headers[normalizedHeader(text)]
    }

    /// The headers that are unambiguous enough to make a section of a generic XML element by its name or its
    /// whole text: words such as "report", "study", "description", "contrast" or "prior" are headers in running
    /// text ("REPORT: ...") but are too common as element names for data to be taken as sections there.
    static func structuralKind(of text: String) -> SectionKind? {
        let normalized = normalizedHeader(text)
        guard !ambiguousAsElement.contains(normalized) else { return nil }
        return headers[normalized]
    }

    private static let ambiguousAsElement: Set<String> = [
        "report", "description", "study", "exam", "examination", "result", "results", "summary", "diagnosis",
        "procedure", "procedures", "contrast", "prior", "priors", "sequences", "protocol", "observations",
        "assessment", "interpretation", "opinion", "communication", "finding",
    ]

    /// "clinicalHistory" -> "clinical history", "IMPRESSION:" -> "impression", "Reason_for_exam" -> "reason for exam".
    static func normalizedHeader(_ text: String) -> String {
        var copy = text
        if let ascii = copy.withUTF8({ asciiNormalizedHeader($0) }) { return ascii }
        var words: [String] = []
        var current = ""
        var previous: Character = " "
        for character in text {
            if character == "_" || character.isWhitespace || character == ":" || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase && previous.isLowercase {
                if !current.isEmpty { words.append(current) }
                current = String(character).lowercased()
            } else {
                current += character.lowercased()
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.joined(separator: " ")
    }

    /// ``normalizedHeader(_:)`` for ASCII text, on bytes (nil when `text` is not ASCII). Headers are nearly always
    /// ASCII, and the Character loop costs far more than the rule needs. For ASCII the two agree: the whitespace
    /// characters are tab to CR and space, upper case is A-Z, lower case a-z.
    private static func asciiNormalizedHeader(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var wordStart = true
        var previous: UInt8 = 0x20
        for byte in text {
            guard byte < 0x80 else { return nil }
            if byte == 0x5F || byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == 0x3A || byte == 0x2E {
                wordStart = true
            } else {
                let isUpper = byte >= 0x41 && byte <= 0x5A
                if isUpper && previous >= 0x61 && previous <= 0x7A { wordStart = true }
                if wordStart {
                    if !result.isEmpty { result.append(0x20) }
                    wordStart = false
                }
                result.append(isUpper ? byte | 0x20 : byte)
            }
            previous = byte
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The title a header is rendered with: upper case, words separated by single spaces.
    static func displayTitle(_ text: String) -> String {
        var copy = text
        if let ascii = copy.withUTF8({ asciiDisplayTitle($0) }) { return ascii }
        return unicodeDisplayTitle(text)
    }

    /// ``displayTitle(_:)`` of the text whose UTF-8 bytes are `utf8`, without a String for the text when it is
    /// ASCII (a section title read into a reused buffer).
    static func displayTitle(utf8: UnsafeBufferPointer<UInt8>) -> String {
        asciiDisplayTitle(utf8) ?? unicodeDisplayTitle(String(decoding: utf8, as: UTF8.self))
    }

    private static func unicodeDisplayTitle(_ text: String) -> String {
        var title = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while title.hasSuffix(":") { title.removeLast() }
        return title.trimmingTrailingSpaces().uppercased()
    }

    /// ``displayTitle(_:)`` for ASCII text, on bytes (nil when `text` is not ASCII): the same steps (words joined
    /// by one space, trailing colons then trailing spaces dropped, upper case) without a String per word.
    /// The bytes are built in a temporary buffer on the stack: a title is short, and an array per title cost more
    /// than the rest of the conversion.
    private static func asciiDisplayTitle(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(text.count, 1)) { result -> String? in
            var count = 0
            var pendingSpace = false
            for byte in text {
                guard byte < 0x80 else { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = count > 0
                } else {
                    if pendingSpace {
                        result[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    result[count] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                    count += 1
                }
            }
            while count > 0, result[count - 1] == 0x3A { count -= 1 }
            while count > 0, result[count - 1] == 0x20 { count -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: result[..<count]), as: UTF8.self)
        }
    }

    /// Whether a short text is a spinal level heading: "L4-5", "L4-L5", "L4/5", "L4–5", "T12-L1", "L5-S1", "L3",
    /// optionally followed by "level" and a colon (rules.md §4: a level heading gives its level to what is
    /// under it; an XML element holding the level as text is one).
    static func isLevelHeading(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last == ":" || last == " " || last == "\t" { scalars.removeLast() }
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " { index += 1 } }
        func readVertebra(letterOptional: Bool) -> Bool {
            if index < scalars.count, "CTLSctls".unicodeScalars.contains(scalars[index]) {
                index += 1
            } else if !letterOptional {
                return false
            }
            let start = index
            while index < scalars.count, index - start < 2, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index > start
        }
        skipSpaces()
        guard readVertebra(letterOptional: false) else { return false }
        skipSpaces()
        if index < scalars.count, ["-", "/", "\u{2013}", "\u{2014}"].contains(scalars[index]) {
            index += 1
            skipSpaces()
            guard readVertebra(letterOptional: true) else { return false }
            skipSpaces()
        }
        let rest = String(String.UnicodeScalarView(scalars[index...])).lowercased()
        return rest.isEmpty || rest == "level"
    }
}
