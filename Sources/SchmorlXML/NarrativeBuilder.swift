import SchmorlModel

/// Assembles the plain-text narrative of one report from pieces of XML, with its sections and a map back to the
/// source, so that the text engine reads an XML report as it reads a free-text one.
///
/// The narrative follows the layout of a plain-text report (issue 3): a section starts with a line `TITLE:`
/// (upper case) and its text follows; each paragraph, list item and table row is a line; sections are separated
/// by a blank line. Every evidence span the engine reports is a UTF-8 byte range of this text, which is why the
/// builder works on bytes and why every synthetic byte (header, `- `, `: `) is documented where it is added.
///
/// Whitespace: in markup text (``WhitespaceMode/collapse``) every run of XML whitespace (space, tab, CR, LF) and
/// U+00A0 becomes one space, and no space is added where the source had none: text on both sides of a comment,
/// a processing instruction or an inline element boundary joins as written ("Schmorl's <!-- x -->node" reads
/// "Schmorl's node"; rules.md §4, last points). In plain text carried by XML (DICOM text values, OpenI abstracts,
/// decoded attachments, generic XML) line breaks are kept (``WhitespaceMode/preserveLines``).
///
/// Invariant: `bytes` is valid UTF-8 (it is built from whole UTF-8 text nodes and ASCII separators), anchors are
/// sorted by offset, and sections are sorted and do not overlap.
struct NarrativeBuilder {
    enum WhitespaceMode {
        /// Markup text: all whitespace runs become one space.
        case collapse
        /// Plain text: line breaks kept (at most one blank line in a row), spaces and tabs collapsed.
        case preserveLines
    }

    private(set) var bytes: [UInt8] = []
    private(set) var anchors: [SourceMap.Anchor] = []
    private(set) var sections: [ReportSection] = []
    /// Set when the narrative reached `limit`; the reader then throws `.inputTooLarge`.
    private(set) var overflowed = false

    /// When set, all text maps to this position (FHIR JSON: the string the text came from).
    var positionOverride: SourcePosition?
    /// Inside a table cell: block boundaries become spaces so the row stays on one line.
    var inlineDepth = 0

    private let limit: Int
    private var pendingSpace = false
    private var pendingSeparator: [UInt8]?
    private var suppressNextBreak = false
    private var openSection: (kind: SectionKind, title: String, start: Int, code: String?)?

    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(4096)
    }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }
    private var atLineStart: Bool { bytes.isEmpty || bytes[bytes.count - 1] == 0x0A }

    /// Whether any non-whitespace text was written at or after `offset`.
    func hasText(since offset: Int) -> Bool {
        guard offset < bytes.count else { return false }
        return bytes[offset...].contains { $0 != 0x20 && $0 != 0x0A }
    }

    // MARK: Text

    /// Appends a text node's bytes. `position` is where they start in the source.
    ///
    /// Works run by run: a run of bytes that are not whitespace is copied in one go, and only its first byte can
    /// need a pending space, separator, line break or anchor (after it, nothing is pending). Whitespace is the XML
    /// set (space, tab, CR, LF) plus U+00A0 (`C2 A0`); any other byte, ASCII or not, belongs to a run.
    ///
    /// - Complexity: O(n) in the bytes appended; one anchor per run that does not follow the source byte for byte.
    mutating func appendText(
        _ content: UnsafeBufferPointer<UInt8>, at position: SourcePosition?, mode: WhitespaceMode = .collapse
    ) {
        guard !overflowed, let base = content.baseAddress, content.count > 0 else { return }
        var line = position?.line ?? 0
        var column = position?.column ?? 0
        let tracked = position != nil
        var newlines = 0
        var wroteHere = false
        var checkAnchor = true
        var index = 0
        let count = content.count
        while index < count {
            let byte = base[index]
            if byte == 0x0A {
                newlines += 1
                pendingSpace = true
                line += 1
                column = 1
                checkAnchor = true
                index += 1
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                pendingSpace = true
                column += 1
                checkAnchor = true
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < count, base[index + 1] == 0xA0 {
                pendingSpace = true
                column += 2
                checkAnchor = true
                index += 2
                continue
            }
            if mode == .preserveLines, newlines > 0, inlineDepth == 0 {
                if !atLineStart { breakLine() }
                if newlines > 1, wroteHere, !bytes.isEmpty, bytes.count >= 2, bytes[bytes.count - 2] != 0x0A {
                    bytes.append(0x0A)
                }
                pendingSpace = false
            }
            newlines = 0
            flushPending()
            if checkAnchor && tracked {
                anchor(line: line, column: column)
                checkAnchor = false
            }
            // The rest of the run: every byte up to the next whitespace byte or U+00A0, except that a single space
            // followed by a word byte stays in the run. Written byte by byte it would come out as itself (one
            // pending space, flushed as one space) and advance the column in step with the output, so its anchor
            // would be predicted: copying it with the words around it gives the same bytes and anchors.
            let start = index
            index += 1
            let raw = UnsafeRawPointer(base)
            while index < count {
                // Eight bytes a step while the loop below would pass them all (most of a sentence); at the first
                // byte that it might not pass, one step of that loop.
                if index &+ 8 <= count {
                    var stops = Self.stopBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                    while stops == 0, index &+ 16 <= count {
                        index &+= 8
                        stops = Self.stopBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                    }
                    if stops == 0 {
                        index &+= 8
                        continue
                    }
                    index &+= stops.trailingZeroBitCount &>> 3
                }
                let next = base[index]
                // Most bytes are word bytes above the space and not C2: one test each, before the rarer cases.
                if next > 0x20, next != 0xC2 {
                    index += 1
                    continue
                }
                if next == 0x20, index + 1 < count, Self.isWordByte(base, index + 1, count) {
                    index += 2
                    continue
                }
                if next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D { break }
                if next == 0xC2, index + 1 < count, base[index + 1] == 0xA0 { break }
                index += 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
            wroteHere = true
            column += index - start
        }
        if bytes.count > limit { overflowed = true }
    }

    /// The high bit of each of these eight bytes (low byte first) that the run loop of
    /// ``appendText(_:at:mode:)`` might not pass as part of its run. A byte it passes is above the space and not
    /// C2 (the start of U+00A0), or is a space followed, within the word, by such a byte. Stricter than the loop
    /// (a space before a C2 that starts no U+00A0, or a space in the last byte, is marked), never looser; so the
    /// loop skips the bytes below the lowest mark, all eight when there is none, and writes the same bytes and
    /// anchors as byte by byte.
    ///
    /// Why: nearly every byte of a narrative is in such a run, and one test per word instead of two per byte is
    /// most of the cost of appending text. Each test is exact per byte: the sums stay within their byte.
    @inline(__always)
    private static func stopBits(_ word: UInt64) -> UInt64 {
        let plain = ByteLanes.aboveSpace(word) & ~ByteLanes.equal(word, to: 0xC2)
        let isSpace = ByteLanes.equal(word, to: 0x20)
        // A space passes when the byte after it (the next higher byte) is plain; the last byte must be plain.
        return ~(plain | (isSpace & (plain &>> 8))) & ByteLanes.high
    }

    /// Whether the byte at `index` belongs to a word: not XML whitespace and not the start of U+00A0.
    private static func isWordByte(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Bool {
        let byte = base[index]
        if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { return false }
        return !(byte == 0xC2 && index + 1 < count && base[index + 1] == 0xA0)
    }

    /// Appends a Swift string as text from `position` (attribute values, decoded attachments, JSON strings).
    mutating func appendText(_ text: String, at position: SourcePosition?, mode: WhitespaceMode = .collapse) {
        var copy = text
        copy.withUTF8 { appendText($0, at: position, mode: mode) }
    }

    /// Appends bytes the source does not hold (separators, list markers, header colons). They get no anchor of
    /// their own: the source map sends them to the text before them, which is as near as they have.
    mutating func appendSynthetic(_ text: StaticString) {
        flushPending()
        let buffer = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        bytes.append(contentsOf: buffer)
    }

    /// Appends a synthetic string (a list number, a title with no source text).
    mutating func appendSynthetic(_ text: String) {
        flushPending()
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func flushPending() {
        if let separator = pendingSeparator {
            // A row's first cell that already ends with ':' gets a space, not a second colon.
            if separator.first == 0x3A, bytes.last == 0x3A {
                bytes.append(0x20)
            } else {
                bytes.append(contentsOf: separator)
            }
            pendingSeparator = nil
            pendingSpace = false
            return
        }
        if pendingSpace, !atLineStart, bytes.last != 0x20 {
            bytes.append(0x20)
        }
        pendingSpace = false
    }

    private mutating func anchor(line: Int, column: Int) {
        let offset = bytes.count
        let position = positionOverride ?? SourcePosition(line: line, column: column)
        if let last = anchors.last {
            let predicted =
                positionOverride != nil
                ? last.position == position
                : last.position.line == position.line
                    && last.position.column + (offset - last.offset) == position.column
            if predicted { return }
            if last.offset == offset {
                anchors[anchors.count - 1] = SourceMap.Anchor(offset: offset, position: position)
                return
            }
        }
        // A report has a few dozen anchors: room for them at once, not an array per doubling.
        if anchors.capacity == 0 { anchors.reserveCapacity(32) }
        anchors.append(SourceMap.Anchor(offset: offset, position: position))
    }

    // MARK: Layout

    /// Ends the current line (a paragraph, item or row boundary). Inside a table cell it is a space instead.
    mutating func breakLine() {
        if inlineDepth > 0 {
            pendingSpace = true
            return
        }
        if suppressNextBreak {
            suppressNextBreak = false
            return
        }
        pendingSpace = false
        pendingSeparator = nil
        if !atLineStart { bytes.append(0x0A) }
    }

    /// Ends the current line and leaves one empty line (between sections).
    mutating func blankLine() {
        suppressNextBreak = false
        pendingSpace = false
        pendingSeparator = nil
        guard !bytes.isEmpty else { return }
        if !atLineStart { bytes.append(0x0A) }
        if bytes.count < 2 || bytes[bytes.count - 2] != 0x0A { bytes.append(0x0A) }
    }

    /// The next text starts with `separator` instead of a space (": " after a row's first cell, "; " between
    /// cells), provided text follows on the same line.
    mutating func setSeparator(_ separator: StaticString?) {
        pendingSeparator = separator.map {
            Array(UnsafeBufferPointer(start: $0.utf8Start, count: $0.utf8CodeUnitCount))
        }
    }

    /// The next ``breakLine()`` is skipped: what follows continues the current line ("- " then the item's first
    /// paragraph; a level heading element then the text it heads).
    mutating func continueLine() { suppressNextBreak = true }

    /// The text of the line being written, for checking whether a heading already ends with a colon.
    var currentLine: Substring {
        var start = bytes.count
        while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
        return Substring(decoding: bytes[start...], as: UTF8.self)
    }

    // MARK: Sections

    /// Starts a section: a blank line, then the header line `TITLE:` mapped to `titlePosition`, unless `header` is
    /// false (a preamble). Closes the open section first.
    mutating func beginSection(
        kind: SectionKind, title: String, sourceCode: String?, titlePosition: SourcePosition?, header: Bool = true
    ) {
        endSection()
        blankLine()
        let start = bytes.count
        if header && !title.isEmpty {
            if let titlePosition { anchor(line: titlePosition.line, column: titlePosition.column) }
            bytes.append(contentsOf: title.utf8)
            bytes.append(0x3A)
            bytes.append(0x0A)
        }
        openSection = (kind, title, start, sourceCode)
    }

    /// Closes the open section, if any; its range covers its header and text up to the end of its last line.
    mutating func endSection() {
        guard let open = openSection else { return }
        openSection = nil
        breakLine()
        suppressNextBreak = false
        if bytes.count > open.start {
            // A report has a handful of sections: room for them at once, not an array per doubling.
            if sections.capacity == 0 { sections.reserveCapacity(8) }
            sections.append(
                ReportSection(
                    kind: open.kind, title: open.title, range: TextSpan(start: open.start, end: bytes.count),
                    sourceCode: open.code))
        }
    }

    /// Finds section headers in text the markup did not structure (an XHTML narrative, a plain-text attachment,
    /// generic XML) and records them as sections: a line that starts with a header of domain.md §6.1 followed by
    /// a colon ("FINDINGS: ...", "Clinical history:"), or a line that is only such a header. Text before the first
    /// header becomes a preamble. Level headings ("L4-5:") are left to the text engine.
    ///
    /// - Parameter sourceCodes: source codes by line start offset (the element a generic header came from).
    mutating func detectSections(in range: Range<Int>, sourceCodes: [Int: String] = [:]) {
        var headers: [(start: Int, kind: SectionKind, title: String)] = []
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            var lineEnd = lineStart
            while lineEnd < range.upperBound, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let (kind, title) = Self.header(in: bytes[lineStart..<lineEnd]) {
                headers.append((lineStart, kind, title))
            }
            lineStart = lineEnd + 1
        }
        guard !headers.isEmpty else { return }
        var found: [ReportSection] = []
        if hasText(in: range.lowerBound..<headers[0].start) {
            found.append(
                ReportSection(
                    kind: .preamble, title: "", range: TextSpan(start: range.lowerBound, end: headers[0].start)))
        }
        for (index, header) in headers.enumerated() {
            let end = index + 1 < headers.count ? headers[index + 1].start : range.upperBound
            found.append(
                ReportSection(
                    kind: header.kind, title: header.title, range: TextSpan(start: header.start, end: end),
                    sourceCode: sourceCodes[header.start]))
        }
        sections.append(contentsOf: found)
        sections.sort { $0.range < $1.range }
    }

    private func hasText(in range: Range<Int>) -> Bool {
        bytes[range].contains { $0 != 0x20 && $0 != 0x0A }
    }

    /// A header at the start of a line: "LABEL:" followed by anything, or the line is only "LABEL" / "LABEL:".
    static func header(in line: ArraySlice<UInt8>) -> (SectionKind, String)? {
        var start = line.startIndex
        while start < line.endIndex, line[start] == 0x20 { start += 1 }
        guard start < line.endIndex else { return nil }
        var index = start
        let maximumLength = 48
        while index < line.endIndex, index - start <= maximumLength {
            let byte = line[index]
            if byte == 0x3A { break }
            let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            guard isLetter || byte == 0x20 || byte == 0x2D || byte == 0x2F || byte == 0x28 || byte == 0x29 else {
                return nil
            }
            index += 1
        }
        let label = String(decoding: line[start..<min(index, line.endIndex)], as: UTF8.self)
        let hasColon = index < line.endIndex && line[index] == 0x3A
        if !hasColon {
            // Only a whole line that is a header, with nothing after it.
            guard index == line.endIndex else { return nil }
        }
        guard let kind = SectionVocabulary.kind(ofHeader: label) else { return nil }
        return (kind, label.trimmed)
    }

    // MARK: Result

    /// Whether the narrative already holds `text`, whitespace differences aside (FHIR `conclusion` and
    /// `presentedForm` often repeat the XHTML narrative; repeating them would double every mention).
    func containsIgnoringWhitespace(_ text: String) -> Bool {
        let needle = Self.squeezed(Array(text.utf8))
        guard !needle.isEmpty else { return true }
        let haystack = Self.squeezed(bytes)
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                guard let hayBase = hay.baseAddress, let patternBase = pattern.baseAddress else { return false }
                let first = patternBase[0]
                let last = hay.count - pattern.count
                let raw = UnsafeRawPointer(hayBase)
                var index = 0
                while index <= last {
                    // Eight starts a step while none holds the needle's first byte (an exact per-byte zero test of
                    // the XOR: the sums stay within their byte), then the first that does.
                    if index &+ 8 <= last &+ 1 {
                        let equal = ByteLanes.equal(
                            raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian, to: first)
                        if equal == 0 {
                            index &+= 8
                            continue
                        }
                        index &+= equal.trailingZeroBitCount &>> 3
                    }
                    if hayBase[index] == first, memoryEqual(hayBase + index, patternBase, pattern.count) { return true }
                    index += 1
                }
                return false
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal.
    private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    /// `bytes` with whitespace runs (space, tab, CR, LF) made one space, leading ones dropped.
    private static func squeezed(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var space = false
        bytes.withUnsafeBufferPointer { WhitespaceSqueezing.append($0, to: &result, pendingSpace: &space) }
        return result
    }

    /// The finished narrative of one report, with the two checks every reader makes: the narrative stayed within
    /// its limit (else `.inputTooLarge`) and holds some text (else `.emptyReport` with `emptyMessage`).
    /// - Parameter subject: what the narrative belongs to, for the size error ("narrative of DiagnosticReport 7").
    mutating func finishReport(record: String, subject: String = "narrative", emptyMessage: String) throws(SchmorlError)
        -> (text: String, sections: [ReportSection], sourceMap: SourceMap?)
    {
        if overflowed {
            throw SchmorlError(.inputTooLarge, "\(subject) exceeds \(limit) bytes (XMLLimits)", record: record)
        }
        let finished = finish()
        // A first byte that is visible ASCII starts a Character that is not white space: no Character walk then.
        let startsVisible = bytes.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        guard startsVisible || finished.text.contains(where: { !$0.isWhitespace }) else {
            throw SchmorlError(.emptyReport, emptyMessage, record: record)
        }
        return finished
    }

    /// The finished narrative: closes the open section and ends the text with one line break.
    mutating func finish() -> (text: String, sections: [ReportSection], sourceMap: SourceMap?) {
        endSection()
        suppressNextBreak = false
        breakLine()
        while bytes.count >= 2, bytes[bytes.count - 1] == 0x0A, bytes[bytes.count - 2] == 0x0A { bytes.removeLast() }
        let end = bytes.count
        // Clipped in place: no second array of sections.
        for index in sections.indices {
            let range = sections[index].range
            sections[index].range = TextSpan(start: min(range.start, end), end: min(range.end, end))
        }
        return (String(decoding: bytes, as: UTF8.self), sections, anchors.isEmpty ? nil : SourceMap(anchors: anchors))
    }
}
