private import CLibXML2
import SchmorlModel

/// Parses XML with libxml2 under Schmorl's safety rules and lends the tree to a closure.
///
/// The rules, and why (issue 3, "Safety"):
/// - A fresh parser context per call, freed before returning: no parser state is shared between tasks, so reads
///   run concurrently. `xmlInitParser` runs exactly once, from a `static let` (``LibXML2Runtime``).
/// - `XML_PARSE_NONET`, and never `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD`, `XML_PARSE_DTDATTR`, `XML_PARSE_HUGE`
///   or `XML_PARSE_RECOVER`: no network, no entity substitution, no external DTD, libxml2's size and depth limits
///   kept, and a document that is not well-formed is an error, never a guess.
/// - **Entity declarations are refused.** The SAX `entityDecl` handler stops the parser at the first
///   `<!ENTITY ...>` of the internal subset and the read fails with `.unsafeXML`. This is the clearest policy: an
///   external entity (XXE) is never resolved, and billion-laughs or quadratic blow-up documents stop at their
///   declarations, before any reference is expanded. Radiology wrappers (CDA, FHIR, DICOM SR, OpenI) never need
///   entities of their own; the predefined ones (`&amp;` ...) and character references are unaffected.
///   As a second guard, the process-wide external entity loader refuses every load.
/// - `XML_PARSE_NOBLANKS` is not used: it drops whitespace-only text nodes, which in mixed content such as
///   `<content>a</content> <content>b</content>` are the only space between two words.
/// - Errors never reach libxml2's global handler (which prints to standard error): the context's structured
///   handler (`sax->serror`) collects them, and for the few errors raised without a context (encoding
///   conversion) the thread's structured handler is swapped in for the duration of the parse and restored after.
///   The whole parse runs synchronously on one thread, so the per-thread swap cannot leak to another task.
/// - No DOM: the SAX handlers build an ``XMLTree`` (flat arrays) instead of libxml2's tree, which cost more to
///   build and free than the rest of the read. The parser, its checks and its errors are libxml2's, unchanged.
/// - Source positions: libxml2 2.9 keeps no column. The handlers record, for each element and text node, the line
///   and column where it starts (the parser's position after the previous event, which for content inside the
///   root element is exact). libxml2 counts the column in characters; see ``XMLNode/sourcePosition``.
enum SafeXMLParser {
    /// Parses `bytes` (any encoding libxml2 detects or the XML declaration names) and runs `body` on the root
    /// element. The tree is freed when `body` returns; nodes must not escape it.
    ///
    /// - Throws: `.malformedXML` with libxml2's message and the line and column of the first error;
    ///   `.unsafeXML` for a document declaring entities; `.inputTooLarge` beyond libxml2's `int` size.
    static func withDocument<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, record: String, context: String? = nil,
        _ body: (XMLNode) throws(SchmorlError) -> Result
    ) throws(SchmorlError) -> Result {
        _ = LibXML2Runtime.ready
        let what = context.map { "\($0) " } ?? "document "
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw SchmorlError(.malformedXML, "\(what)is empty: expected an XML document", record: record)
        }
        guard bytes.count < Int(Int32.max) else {
            throw SchmorlError(.inputTooLarge, "\(what)is larger than libxml2 can read (2 GiB)", record: record)
        }
        // C callbacks reach `state` through the parser context's `_private` pointer, valid for the parse.
        let readsAsUTF8 = UTF8Declaration.needsNoConversion(bytes)
        var state = ParseState(tree: XMLTree(expectedBytes: bytes.count))
        defer { state.tree.deallocate() }
        let parsed = withUnsafeMutablePointer(to: &state) { statePointer in
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                parse(chars, count: Int32(bytes.count), readsAsUTF8: readsAsUTF8, state: statePointer)
            }
        }
        guard !state.tree.overflowed else {
            throw SchmorlError(
                .inputTooLarge, "\(what)holds more than \(XMLTree.maximumBytes) bytes of names and text once decoded",
                record: record)
        }
        guard parsed else { throw state.error(record: record, context: what) }
        guard state.tree.hasRoot else {
            throw SchmorlError(.malformedXML, "\(what)has no root element", record: record)
        }
        return try state.tree.withView { tree throws(SchmorlError) in try body(XMLNode(tree: tree, index: 0)) }
    }

    /// Runs libxml2 over the input with the handlers below; true when the document is well-formed and allowed.
    private static func parse(
        _ chars: UnsafePointer<CChar>, count: Int32, readsAsUTF8: Bool, state: UnsafeMutablePointer<ParseState>
    ) -> Bool {
        // libxml2 copies the input (a static, zero-copy input buffer reads garbage in 2.9.14 once the parser
        // shrinks it): the copy adds the input's size to the peak memory of a large document.
        guard let ctxt = xmlCreateMemoryParserCtxt(chars, count) else { return false }
        defer { xmlFreeParserCtxt(ctxt) }
        // The whole document is in libxml2's buffer already; without its read callback libxml2 stops asking for
        // more (about sixty calls per report). Only when no encoder will be installed, which converts through the
        // callback (``UTF8Declaration``), and within libxml2's lookup limit (10,000,000 bytes), past which a
        // buffer without a callback is refused as "huge input lookup".
        if readsAsUTF8, count <= 10_000_000, let input = ctxt.pointee.input, let buffer = input.pointee.buf {
            buffer.pointee.readcallback = nil
        }
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue
        _ = xmlCtxtUseOptions(ctxt, Int32(options))
        // The options already clear these; set them again so that no process-wide default (for instance a
        // library calling xmlSubstituteEntitiesDefault(1)) can turn substitution or DTD loading back on.
        ctxt.pointee.replaceEntities = 0
        ctxt.pointee.loadsubset = 0
        ctxt.pointee.validate = 0
        ctxt.pointee.linenumbers = 1
        ctxt.pointee._private = UnsafeMutableRawPointer(state)
        if let sax = ctxt.pointee.sax {
            sax.pointee.serror = onParserError
            sax.pointee.entityDecl = onEntityDeclaration
            sax.pointee.startElementNs = onStartElement
            sax.pointee.endElementNs = onEndElement
            // One function for both, as libxml2's own SAX2 set-up does: the parser then never asks whether
            // whitespace is ignorable (which would look at the DOM node this reader does not build).
            sax.pointee.characters = onCharacters
            sax.pointee.ignorableWhitespace = onCharacters
            sax.pointee.cdataBlock = onCDATA
            sax.pointee.comment = onComment
            sax.pointee.processingInstruction = onProcessingInstruction
            sax.pointee.reference = onReference
        }
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(state), onContextlessError)
        defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
        _ = xmlParseDocument(ctxt)
        // The document libxml2 started holds the DOCTYPE at most (the handlers above build the tree).
        if let document = ctxt.pointee.myDoc {
            ctxt.pointee.myDoc = nil
            xmlFreeDoc(document)
        }
        return ctxt.pointee.wellFormed != 0 && state.pointee.refusal == nil
    }
}

/// What the SAX handlers record while one document parses: the tree, errors, the parser's last position. C callbacks
/// reach it through the parser context's `_private` pointer; it lives on the stack of one call of
/// ``SafeXMLParser/withDocument(_:record:context:_:)`` (a struct behind a pointer: no reference counting and no
/// exclusivity checks per callback).
private struct ParseState {
    struct Diagnostic {
        var message: String
        var code: Int32
        var fatal: Bool
        var position: SourcePosition?
    }

    /// The first errors libxml2 reported, fatal or not (a bounded list: a hostile document can raise many).
    var diagnostics: [Diagnostic] = []
    /// The document read so far.
    var tree: XMLTree
    /// Why the document was refused as unsafe, if it was.
    var refusal: Diagnostic?
    /// The parser's position after the last SAX event: where the next node starts.
    var lastLine = 1
    var lastColumn = 1

    static let maximumDiagnostics = 16

    mutating func record(_ error: UnsafeMutablePointer<xmlError>) {
        let level = error.pointee.level
        guard level != XML_ERR_WARNING, diagnostics.count < Self.maximumDiagnostics else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        if message.contains("XML_PARSE_HUGE") {
            // libxml2 suggests lifting its limits; Schmorl never does (issue 3, Safety).
            message =
                message.replacing(" use XML_PARSE_HUGE option", with: "")
                + " (beyond libxml2's safety limits, which Schmorl keeps)"
        }
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        diagnostics.append(
            Diagnostic(
                message: message, code: error.pointee.code, fatal: level == XML_ERR_FATAL,
                position: line > 0 ? SourcePosition(line: line, column: max(column, 1)) : nil))
    }

    /// The error to throw for a document that did not parse: the refusal, else the first fatal error.
    func error(record: String, context: String) -> SchmorlError {
        if let refusal {
            return SchmorlError(
                .unsafeXML, "\(context)\(refusal.message)", record: record, position: refusal.position,
                cause: "refused by Schmorl's XML safety policy")
        }
        guard let first = diagnostics.first(where: \.fatal) ?? diagnostics.first else {
            return SchmorlError(.malformedXML, "\(context)is not well-formed XML", record: record)
        }
        return SchmorlError(
            .malformedXML, "\(context)is not well-formed XML: \(first.message); \(Self.remedy(for: first.code))",
            record: record, position: first.position, cause: "libxml2 error \(first.code)")
    }

    /// How to fix the document, by libxml2 error code (xmlerror.h).
    static func remedy(for code: Int32) -> String {
        switch UInt32(bitPattern: code) {
        case XML_ERR_INVALID_CHAR.rawValue, XML_ERR_INVALID_ENCODING.rawValue, XML_ERR_UNSUPPORTED_ENCODING.rawValue,
            XML_ERR_UNKNOWN_ENCODING.rawValue:
            "check that the encoding in the XML declaration matches the file's bytes"
        case XML_ERR_DOCUMENT_EMPTY.rawValue:
            "the input holds no XML element"
        case XML_ERR_TAG_NOT_FINISHED.rawValue, XML_ERR_LTSLASH_REQUIRED.rawValue, XML_ERR_GT_REQUIRED.rawValue:
            "the document looks truncated or an element is not closed"
        case XML_ERR_UNDECLARED_ENTITY.rawValue:
            "replace named entities such as &nbsp; with character references (&#160;)"
        default:
            "fix the markup at the position given"
        }
    }

    static func from(_ context: UnsafeMutableRawPointer?)
        -> (UnsafeMutablePointer<xmlParserCtxt>, UnsafeMutablePointer<ParseState>)?
    {
        guard let context else { return nil }
        let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = ctxt.pointee._private else { return nil }
        return (ctxt, opaque.assumingMemoryBound(to: ParseState.self))
    }

    mutating func advance(to ctxt: UnsafeMutablePointer<xmlParserCtxt>, columnOffset: Int = 0) {
        guard let input = ctxt.pointee.input else { return }
        lastLine = Int(input.pointee.line)
        lastColumn = Int(input.pointee.col) + columnOffset
    }
}

/// The parser's current line (libxml2's line for a node made now).
private func parserLine(_ ctxt: UnsafeMutablePointer<xmlParserCtxt>) -> Int {
    ctxt.pointee.input.map { Int($0.pointee.line) } ?? 0
}

private func onParserError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let error, let (_, state) = ParseState.from(context) else { return }
    state.pointee.record(error)
}

private func onContextlessError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let error, let context else { return }
    context.assumingMemoryBound(to: ParseState.self).pointee.record(error)
}

private func onEntityDeclaration(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32,
    _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?, _ content: UnsafeMutablePointer<xmlChar>?
) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    if state.pointee.refusal == nil {
        let entity = name.map { String(cString: $0) } ?? "?"
        let external = systemID.map { " naming \"\(String(cString: $0))\"" } ?? ""
        let position = ctxt.pointee.input.map {
            SourcePosition(line: Int($0.pointee.line), column: max(Int($0.pointee.col), 1))
        }
        state.pointee.refusal = ParseState.Diagnostic(
            message: "declares the entity '\(entity)'\(external) in its DOCTYPE; entity declarations are refused "
                + "(they can read local files or expand without bound): remove them and use character references",
            code: 0, fatal: true, position: position)
    }
    xmlStopParser(ctxt)
}

private func onStartElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32,
    _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ attributeCount: Int32, _ defaultedCount: Int32,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    // Attributes defaulted from the DTD come last; SAX2 drops them unless XML_COMPLETE_ATTRS is set (never here).
    state.pointee.tree.startElement(
        localName: localName, prefix: prefix, uri: uri, attributes: attributes,
        attributeCount: Int(attributeCount - defaultedCount), line: state.pointee.lastLine,
        column: state.pointee.lastColumn, parserLine: parserLine(ctxt))
    if state.pointee.tree.overflowed { xmlStopParser(ctxt) }
    // The callback fires with the cursor on the start tag's closing '>': content starts one column later.
    state.pointee.advance(to: ctxt, columnOffset: 1)
}

private func onEndElement(
    _ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?
) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    state.pointee.tree.endElement()
    state.pointee.advance(to: ctxt)
}

/// Text: a new node gets the position where the previous event ended.
private func onCharacters(_ context: UnsafeMutableRawPointer?, _ characters: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let (ctxt, state) = ParseState.from(context), let characters else { return }
    let added = state.pointee.tree.appendCharacters(
        UnsafeBufferPointer(start: characters, count: Int(length)), kind: .text, line: state.pointee.lastLine,
        column: state.pointee.lastColumn, parserLine: parserLine(ctxt))
    if !added {
        // SAX2's "huge text node": it stops the parse where it is without making the document malformed.
        ctxt.pointee.errNo = Int32(XML_ERR_NO_MEMORY.rawValue)
        ctxt.pointee.instate = XML_PARSER_EOF
        ctxt.pointee.disableSAX = 1
        return
    }
    if state.pointee.tree.overflowed { xmlStopParser(ctxt) }
    state.pointee.advance(to: ctxt)
}

private func onCDATA(_ context: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?, _ length: Int32) {
    guard let (ctxt, state) = ParseState.from(context), let value else { return }
    // The text starts after "<![CDATA[" (9 bytes).
    _ = state.pointee.tree.appendCharacters(
        UnsafeBufferPointer(start: value, count: Int(length)), kind: .cdata, line: state.pointee.lastLine,
        column: state.pointee.lastColumn + 9, parserLine: parserLine(ctxt))
    state.pointee.advance(to: ctxt)
}

private func onComment(_ context: UnsafeMutableRawPointer?, _ value: UnsafePointer<xmlChar>?) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    state.pointee.tree.appendMarkup(.comment, content: value, parserLine: parserLine(ctxt))
    state.pointee.advance(to: ctxt)
}

private func onProcessingInstruction(
    _ context: UnsafeMutableRawPointer?, _ target: UnsafePointer<xmlChar>?, _ data: UnsafePointer<xmlChar>?
) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    state.pointee.tree.appendMarkup(.processingInstruction, content: data, parserLine: parserLine(ctxt))
    state.pointee.advance(to: ctxt)
}

private func onReference(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let (ctxt, state) = ParseState.from(context) else { return }
    state.pointee.tree.appendEntityReference()
    state.pointee.advance(to: ctxt)
}

/// The process-wide external entity loader: refuses every load (a second guard behind the entity refusal).
private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    if let context, let opaque = context.pointee._private {
        let state = opaque.assumingMemoryBound(to: ParseState.self)
        if state.pointee.refusal == nil {
            let target = url.map { String(cString: $0) } ?? "?"
            state.pointee.refusal = ParseState.Diagnostic(
                message: "asks to load the external resource \"\(target)\"; external loads are refused",
                code: 0, fatal: true, position: nil)
        }
        xmlStopParser(context)
    }
    return nil
}

/// libxml2's process-wide set-up, done once.
enum LibXML2Runtime {
    /// Touch before any libxml2 call: initialises the parser exactly once (thread-safe, as every `static let`)
    /// and installs the refusing external entity loader.
    static let ready: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        return true
    }()

    /// Runs `body` with libxml2's context-less errors sent to `collect` instead of standard error, on this thread.
    static func collectingErrors<Result>(
        _ body: () -> Result, collect: (String) -> Void
    ) -> Result {
        _ = ready
        var state = ParseState(tree: XMLTree(expectedBytes: 0))
        let previousHandler = __xmlStructuredError().pointee
        let previousContext = __xmlStructuredErrorContext().pointee
        let result = withUnsafeMutablePointer(to: &state) { statePointer in
            xmlSetStructuredErrorFunc(UnsafeMutableRawPointer(statePointer), onContextlessError)
            defer { xmlSetStructuredErrorFunc(previousContext, previousHandler) }
            return body()
        }
        state.tree.deallocate()
        for diagnostic in state.diagnostics { collect(diagnostic.message) }
        return result
    }
}
