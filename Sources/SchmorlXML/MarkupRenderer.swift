import SchmorlModel

/// Renders narrative markup (the CDA narrative block, FHIR's XHTML, or any XML) as plain-text lines.
///
/// The rules, shared by every format so that a text engine finds the same structure in each (issue 3):
/// - a paragraph (`paragraph`, `p`, `div`, ...) is a line; `br` ends a line;
/// - a list item is a line starting with "- " (unordered) or "1. ", "2. " (ordered lists, as reports number
///   their impressions);
/// - a table row is a line: the first non-empty cell, then ": ", then the other non-empty cells joined by "; ",
///   so a row whose first cell is a level ("L4-5") reads "L4-5: ..." and heads its row (rules.md §4, level
///   headings); a table caption is a line;
/// - inline elements (`content`, `b`, `span`, `sub`, ...) flow inline and add no space;
/// - comments, processing instructions and entity references add nothing, not even a space (rules.md §4, last
///   points); attributes are never read here.
struct MarkupRenderer {
    enum Vocabulary {
        /// The CDA R2 narrative block (`section/text`).
        case cda
        /// XHTML (FHIR `text/div`).
        case xhtml
        /// Any other XML: leaves are lines, section-named elements become headed sections, leaves holding a
        /// level head the next line, identifier-like leaves go to metadata.
        case generic
    }

    private enum Role {
        case block, inline, lineBreak
        case list(ordered: Bool)
        case listItem, table, row, cell, caption, heading
        case preformatted, skip
    }

    let vocabulary: Vocabulary
    /// Identifier-like leaves met in generic XML (`patientId`, `accessionNumber`, dates): metadata, not text.
    private(set) var metadata: [String: String] = [:]
    /// For generic XML: line start offset of each header written for a section-named element -> element name.
    private(set) var headerSources: [Int: String] = [:]

    init(vocabulary: Vocabulary) { self.vocabulary = vocabulary }

    /// Renders the children of `node` (the element itself is a container: `section/text`, `text/div`).
    mutating func renderChildren(of node: XMLNode, into builder: inout NarrativeBuilder) {
        for child in node.children { render(child, into: &builder) }
    }

    /// Renders an element's text as one line (a document title), whatever markup it holds.
    mutating func renderChildrenAsLine(of node: XMLNode, into builder: inout NarrativeBuilder) {
        builder.inlineDepth += 1
        renderChildren(of: node, into: &builder)
        builder.inlineDepth -= 1
        builder.breakLine()
    }

    /// Renders one node.
    mutating func render(_ node: XMLNode, into builder: inout NarrativeBuilder) {
        switch node.kind {
        case .text, .cdata:
            let position = node.sourcePosition
            let mode: NarrativeBuilder.WhitespaceMode = vocabulary == .generic ? .preserveLines : .collapse
            node.withContent { builder.appendText($0, at: position, mode: mode) }
        case .element:
            renderElement(node, into: &builder)
        case .comment, .processingInstruction, .entityReference, .other:
            break
        }
    }

    private mutating func renderElement(_ node: XMLNode, into builder: inout NarrativeBuilder) {
        if vocabulary == .generic, renderGenericSpecial(node, into: &builder) { return }
        switch role(of: node) {
        case .skip:
            break
        case .inline:
            renderChildren(of: node, into: &builder)
        case .lineBreak:
            builder.breakLine()
        case .block:
            builder.breakLine()
            renderChildren(of: node, into: &builder)
            builder.breakLine()
        case .heading:
            builder.breakLine()
            renderChildren(of: node, into: &builder)
            let line = builder.currentLine
            if !line.hasSuffix(":"), SectionVocabulary.kind(ofHeader: String(line)) != nil {
                builder.appendSynthetic(":")
            }
            builder.breakLine()
        case .preformatted:
            builder.breakLine()
            renderPreformatted(node, into: &builder)
            builder.breakLine()
        case .list(let ordered):
            builder.breakLine()
            var number = 0
            for child in node.children {
                if child.isElement, case .listItem = role(of: child) {
                    number += 1
                    builder.breakLine()
                    if builder.inlineDepth == 0 {
                        if ordered { builder.appendSynthetic("\(number). ") } else { builder.appendSynthetic("- ") }
                        builder.continueLine()
                    }
                    renderChildren(of: child, into: &builder)
                    builder.breakLine()
                } else {
                    render(child, into: &builder)
                }
            }
            builder.breakLine()
        case .listItem:
            // An item outside a list: still a line of its own.
            builder.breakLine()
            if builder.inlineDepth == 0 {
                builder.appendSynthetic("- ")
                builder.continueLine()
            }
            renderChildren(of: node, into: &builder)
            builder.breakLine()
        case .table:
            builder.breakLine()
            renderChildren(of: node, into: &builder)
            builder.breakLine()
        case .row:
            renderRow(node, into: &builder)
        case .cell:
            // A cell outside a row: inline.
            renderChildren(of: node, into: &builder)
        case .caption:
            if let parent = node.parent, parent.hasName("paragraph") {
                // CDA: a paragraph's caption labels its text ("History: Sore throat.").
                let before = builder.count
                renderChildren(of: node, into: &builder)
                if builder.count > before { builder.setSeparator(": ") }
            } else {
                builder.breakLine()
                renderChildren(of: node, into: &builder)
                builder.breakLine()
            }
        }
    }

    /// One table row on one line: "first: second; third". Empty cells are skipped.
    private mutating func renderRow(_ row: XMLNode, into builder: inout NarrativeBuilder) {
        builder.breakLine()
        var written = 0
        for child in row.children {
            guard child.isElement else {
                render(child, into: &builder)
                continue
            }
            guard case .cell = role(of: child) else {
                render(child, into: &builder)
                continue
            }
            if written == 1 { builder.setSeparator(": ") } else if written > 1 { builder.setSeparator("; ") }
            let before = builder.count
            builder.inlineDepth += 1
            renderChildren(of: child, into: &builder)
            builder.inlineDepth -= 1
            builder.setSeparator(nil)
            if builder.count > before { written += 1 }
        }
        builder.breakLine()
    }

    /// `pre`: line breaks as written.
    private mutating func renderPreformatted(_ node: XMLNode, into builder: inout NarrativeBuilder) {
        for child in node.children {
            switch child.kind {
            case .text, .cdata:
                let position = child.sourcePosition
                child.withContent { builder.appendText($0, at: position, mode: .preserveLines) }
            case .element:
                if case .lineBreak = role(of: child) {
                    builder.breakLine()
                } else {
                    renderPreformatted(child, into: &builder)
                }
            default:
                break
            }
        }
    }

    /// Inline elements of generic XML: the XHTML-like ones vendors embed in report text. Other vendor elements,
    /// even `<Code>` or `<Content>`, are data fields and get lines of their own.
    private static let genericInline: Set<String> = [
        "b", "i", "u", "em", "strong", "span", "a", "sub", "sup", "font", "small", "big", "mark",
    ]

    private func role(of node: XMLNode) -> Role {
        switch vocabulary {
        case .cda:
            return node.withNameBytes { Self.cdaRole(ElementName(bytes: $0), node) }
        case .xhtml:
            return node.withNameBytes { Self.xhtmlRole(ElementName(bytes: $0), node, generic: false) }
        case .generic:
            // Generic XML names vary in case (<Item>, <PARAGRAPH>); CDA and XHTML names are exact.
            let key = node.localName.lowercased()
            if Self.genericInline.contains(key) { return .inline }
            var bytes = key
            return bytes.withUTF8 { Self.xhtmlRole(ElementName(bytes: $0), node, generic: true) }
        }
    }

    /// The CDA narrative block's elements.
    private static func cdaRole(_ name: ElementName, _ node: XMLNode) -> Role {
        switch name {
        case "paragraph": .block
        case "br": .lineBreak
        case "list": .list(ordered: node.attribute("listType") == "ordered")
        case "item": .listItem
        case "table", "thead", "tbody", "tfoot": .table
        case "tr": .row
        case "td", "th": .cell
        case "caption": .caption
        case "footnoteRef", "renderMultiMedia", "col", "colgroup": .skip
        default: .inline
        }
    }

    /// XHTML's elements; generic XML shares the table (lower-cased names) but makes lines of unknown elements.
    private static func xhtmlRole(_ name: ElementName, _ node: XMLNode, generic: Bool) -> Role {
        switch name {
        case "p", "div", "blockquote", "address", "section", "article", "header", "footer", "dl", "dt", "dd",
            "paragraph", "center":
            .block
        case "h1", "h2", "h3", "h4", "h5", "h6": .heading
        case "br", "hr": .lineBreak
        case "ul": .list(ordered: false)
        case "ol": .list(ordered: true)
        case "list": .list(ordered: node.attribute("listType") == "ordered")
        case "li", "item", "listitem", "bullet": .listItem
        case "table", "thead", "tbody", "tfoot": .table
        case "tr": .row
        case "td", "th": .cell
        case "caption": .caption
        case "pre": .preformatted
        case "img", "script", "style", "head", "meta", "link", "col", "colgroup": .skip
        default:
            // XHTML: unknown elements (and the inline ones: b, span, content, ...) flow inline. Generic XML: every
            // element not named above is a line.
            generic ? .block : .inline
        }
    }

    // MARK: Generic XML

    /// Element names (lower case, separators removed) whose text identifies rather than reports.
    private static let identifierNames: Set<String> = [
        "id", "uid", "mrn", "accession", "accessionnumber", "accessionno", "patientid", "reportid", "documentid",
        "studyid", "studyuid", "studyinstanceuid", "seriesuid", "seriesinstanceuid", "sopinstanceuid", "orderid",
        "ordernumber", "visitid", "encounterid", "dob", "birthdate", "dateofbirth", "date", "time", "datetime",
        "studydate", "studytime", "reportdate", "examdate", "signeddate", "signedtime", "timestamp", "created",
        "modified", "version",
    ]

    /// Generic XML's extra rules; returns whether the element was handled.
    private mutating func renderGenericSpecial(_ node: XMLNode, into builder: inout NarrativeBuilder) -> Bool {
        let name = node.localName
        let hasElementChildren = node.hasChildElements
        let squashed = name.lowercased().filter { $0.isLetter || $0.isNumber }
        if !hasElementChildren, Self.identifierNames.contains(squashed) {
            let value = node.collapsedText
            if !value.isEmpty, metadata[name] == nil { metadata[name] = value }
            return true
        }
        if case .inline = role(of: node) { return false }
        if case .lineBreak = role(of: node) { return false }
        // <L4-5>text</L4-5>: the name is the level heading.
        if SectionVocabulary.isLevelHeading(name) {
            builder.breakLine()
            builder.appendSynthetic(name)
            builder.setSeparator(": ")
            renderChildren(of: node, into: &builder)
            builder.breakLine()
            return true
        }
        // <findings>...</findings>, <clinicalHistory>...</clinicalHistory>: a headed section.
        if SectionVocabulary.structuralKind(of: name) != nil, !firstLeafIsHeader(node) {
            builder.blankLine()
            headerSources[builder.count] = name
            builder.appendSynthetic(SectionVocabulary.displayTitle(SectionVocabulary.normalizedHeader(name)))
            builder.appendSynthetic(":")
            builder.breakLine()
            renderChildren(of: node, into: &builder)
            builder.breakLine()
            return true
        }
        if !hasElementChildren {
            let text = node.collapsedText
            // <label>L4-5</label><text>...</text>: the level heads the next line.
            if SectionVocabulary.isLevelHeading(text) {
                builder.breakLine()
                renderChildren(of: node, into: &builder)
                if !builder.currentLine.hasSuffix(":") { builder.appendSynthetic(":") }
                builder.setSeparator(" ")
                builder.continueLine()
                return true
            }
            // <title>Findings</title>: a header line.
            if text.utf8.count <= 48, SectionVocabulary.structuralKind(of: text) != nil {
                builder.blankLine()
                headerSources[builder.count] = name
                renderChildren(of: node, into: &builder)
                if !builder.currentLine.hasSuffix(":") { builder.appendSynthetic(":") }
                builder.breakLine()
                return true
            }
        }
        return false
    }

    /// Whether the first leaf element of `node` is itself a header (`<findings><title>Findings</title>...`), so
    /// the element's own name is not written as a second header.
    private func firstLeafIsHeader(_ node: XMLNode) -> Bool {
        guard let first = node.childElements.first, !first.hasChildElements else { return false }
        let text = first.collapsedText
        return text.utf8.count <= 48 && SectionVocabulary.structuralKind(of: text) != nil
    }
}
