private import CLibXML2
import SchmorlModel

/// A borrowed view of one libxml2 tree node, valid only inside ``SafeXMLParser/withDocument(_:record:context:_:)``.
///
/// Keeps libxml2's types out of every other file (STYLE.md: libxml2 types never leave SchmorlXML, and here not
/// even this file): the format readers see names, children, attributes and text bytes, nothing else.
struct XMLNode {
    /// The kinds of node the readers distinguish.
    enum Kind {
        case element, text, cdata, comment, processingInstruction, entityReference, other
    }

    private let raw: UnsafeMutableRawPointer

    init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    private var node: UnsafeMutablePointer<xmlNode> { raw.assumingMemoryBound(to: xmlNode.self) }

    var kind: Kind {
        switch node.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_CDATA_SECTION_NODE: .cdata
        case XML_COMMENT_NODE: .comment
        case XML_PI_NODE: .processingInstruction
        case XML_ENTITY_REF_NODE: .entityReference
        default: .other
        }
    }

    var isElement: Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// The local name (no prefix), as a String. Prefer ``hasName(_:)`` in loops: it does not allocate.
    var localName: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// Whether the local name is exactly `name` (case-sensitive, as XML is).
    func hasName(_ name: StaticString) -> Bool {
        guard let own = node.pointee.name else { return false }
        return xmlStrEqual(own, name.utf8Start) != 0
    }

    /// The local name's bytes, for lookups that must not allocate.
    func withNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let own = node.pointee.name else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: own, count: Int(xmlStrlen(own))))
    }

    /// The namespace URI of an element, if it has one.
    var namespaceURI: String? {
        guard let ns = node.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    var firstChild: XMLNode? { node.pointee.children.map { XMLNode(UnsafeMutableRawPointer($0)) } }
    var nextSibling: XMLNode? { node.pointee.next.map { XMLNode(UnsafeMutableRawPointer($0)) } }
    var parent: XMLNode? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNode(UnsafeMutableRawPointer(parent))
    }

    /// The children in document order. Entity reference nodes appear as `.entityReference` and are never
    /// descended into: the reader does not expand entities.
    var children: Children { Children(first: firstChild) }

    struct Children: Sequence, IteratorProtocol {
        var first: XMLNode?
        mutating func next() -> XMLNode? {
            guard let current = first else { return nil }
            first = current.nextSibling
            return current
        }
    }

    /// Whether any child is an element (a leaf holds text only).
    var hasChildElements: Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// The child elements, in order.
    var childElements: [XMLNode] { children.filter(\.isElement) }

    /// The first child element with this local name.
    func child(_ name: StaticString) -> XMLNode? {
        for child in children where child.isElement && child.hasName(name) { return child }
        return nil
    }

    /// Every child element with this local name.
    func children(_ name: StaticString) -> [XMLNode] {
        children.filter { $0.isElement && $0.hasName(name) }
    }

    /// Follows a path of child element names ("recordTarget", "patientRole", "id").
    func descendant(_ path: StaticString...) -> XMLNode? {
        var current: XMLNode? = self
        for name in path { current = current?.child(name) }
        return current
    }

    /// An attribute's value by local name (namespace ignored), or nil. Attributes are metadata, never narrative,
    /// except where a format keeps report text in one (FHIR `value`): the caller decides.
    func attribute(_ name: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let own = current.pointee.name, xmlStrEqual(own, name.utf8Start) != 0 {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// Lends the bytes of a text or CDATA node (UTF-8, entities and character references already decoded).
    func withContent<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let content = node.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
    }

    /// Where the node starts in the source document.
    ///
    /// Elements and text nodes carry the exact line and column recorded while parsing (``SafeXMLParser``); the
    /// column counts characters as libxml2 does, which equals the UTF-8 byte column on ASCII lines. Nodes without
    /// a recorded position fall back to libxml2's line (`xmlGetLineNo`) and column 1, since libxml2 2.9 keeps no
    /// column per node.
    var sourcePosition: SourcePosition {
        if let packed = node.pointee._private {
            let bits = Int(bitPattern: packed)
            return SourcePosition(line: bits >> 32, column: bits & 0xFFFF_FFFF)
        }
        let line = xmlGetLineNo(node)
        return SourcePosition(line: line > 0 ? Int(line) : 1, column: 1)
    }

    /// The text of this subtree (text and CDATA nodes; comments, processing instructions and entity references
    /// skipped), whitespace runs collapsed to one space and trimmed. For short labels and identifiers.
    var collapsedText: String {
        var bytes: [UInt8] = []
        var pendingSpace = false
        func visit(_ node: XMLNode) {
            for child in node.children {
                switch child.kind {
                case .text, .cdata:
                    child.withContent { content in
                        // Run by run: a whitespace run sets the pending space, a run of other bytes is copied whole.
                        guard let base = content.baseAddress else { return }
                        var index = 0
                        while index < content.count {
                            let byte = base[index]
                            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                                pendingSpace = !bytes.isEmpty
                                index += 1
                                continue
                            }
                            if pendingSpace { bytes.append(0x20) }
                            pendingSpace = false
                            let start = index
                            while index < content.count {
                                let next = base[index]
                                if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { break }
                                index += 1
                            }
                            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
                        }
                    }
                case .element: visit(child)
                default: break
                }
            }
        }
        visit(self)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Depth-first search for the first descendant element (or self) with this local name.
    func firstDescendant(_ name: StaticString) -> XMLNode? {
        if isElement && hasName(name) { return self }
        for child in children where child.isElement {
            if let found = child.firstDescendant(name) { return found }
        }
        return nil
    }
}
