import SchmorlModel

/// A borrowed view of one node of a parsed document, valid only inside
/// ``SafeXMLParser/withDocument(_:record:context:_:)``.
///
/// The format readers see names, children, attributes and text bytes, nothing else: the tree behind it is an
/// ``XMLTree`` (libxml2's types stay in ``SafeXMLParser``). Two pointer-sized fields, no reference counting, so
/// walking the tree costs array reads only.
struct XMLNode {
    /// The kinds of node the readers distinguish.
    enum Kind {
        case element, text, cdata, comment, processingInstruction, entityReference, other
    }

    private let tree: UnsafePointer<XMLTree.View>
    private let index: Int

    init(tree: UnsafePointer<XMLTree.View>, index: Int) {
        self.tree = tree
        self.index = index
    }

    private var node: XMLTree.Node { tree.pointee.nodes[index] }

    private func at(_ index: Int32) -> XMLNode? { index >= 0 ? XMLNode(tree: tree, index: Int(index)) : nil }

    private func bytes(_ start: Int32, _ count: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: tree.pointee.bytes[Int(start)..<(Int(start) + Int(count))])
    }

    var kind: Kind { node.kind }

    var isElement: Bool { node.kind == .element }

    /// The local name (no prefix) of an element, as a String; empty for other nodes. Prefer ``hasName(_:)`` in
    /// loops: it does not allocate.
    var localName: String { withNameBytes { String(decoding: $0, as: UTF8.self) } }

    /// Whether the local name is exactly `name` (case-sensitive, as XML is).
    func hasName(_ name: StaticString) -> Bool {
        withNameBytes { name ~= ElementName(bytes: $0) }
    }

    /// The local name's bytes, for lookups that must not allocate.
    func withNameBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = self.node
        // A node's one byte range is its name for an element, its text for the others.
        return body(node.kind == .element ? bytes(node.start, node.count) : bytes(0, 0))
    }

    /// The namespace URI of an element, if it has one.
    var namespaceURI: String? {
        let node = self.node
        guard node.namespaceStart >= 0 else { return nil }
        return String(decoding: bytes(node.namespaceStart, node.namespaceCount), as: UTF8.self)
    }

    var firstChild: XMLNode? { at(node.firstChild) }
    var nextSibling: XMLNode? { at(node.nextSibling) }
    /// The parent element (nil for the root).
    var parent: XMLNode? { at(node.parent) }

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
        for child in children where child.isElement { return true }
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
        let node = self.node
        for offset in 0..<Int(node.attributeCount) {
            let attribute = tree.pointee.attributes[Int(node.firstAttribute) + offset]
            if name ~= ElementName(bytes: bytes(attribute.nameStart, attribute.nameCount)) {
                return String(decoding: bytes(attribute.valueStart, attribute.valueCount), as: UTF8.self)
            }
        }
        return nil
    }

    /// Lends the bytes of an attribute's value by local name (nil when the element has no such attribute): for
    /// values that are looked up, not kept, so that no String is made for them.
    func withAttribute<R>(_ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let node = self.node
        for offset in 0..<Int(node.attributeCount) {
            let attribute = tree.pointee.attributes[Int(node.firstAttribute) + offset]
            if name ~= ElementName(bytes: bytes(attribute.nameStart, attribute.nameCount)) {
                return body(bytes(attribute.valueStart, attribute.valueCount))
            }
        }
        return body(nil)
    }

    /// Lends the bytes of a text or CDATA node (UTF-8, entities and character references already decoded).
    func withContent<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = self.node
        return body(node.kind == .element ? bytes(0, 0) : bytes(node.start, node.count))
    }

    /// Where the node starts in the source document.
    ///
    /// Elements, text and CDATA carry the exact line and column recorded while parsing (``SafeXMLParser``); the
    /// column counts characters as libxml2 does, which equals the UTF-8 byte column on ASCII lines. Comments,
    /// processing instructions and entity references get libxml2's line for them (`xmlGetLineNo`) and column 1.
    var sourcePosition: SourcePosition {
        let node = self.node
        return SourcePosition(line: max(Int(node.line), 1), column: max(Int(node.column), 1))
    }

    /// The text of this subtree (text and CDATA nodes; comments, processing instructions and entity references
    /// skipped), whitespace runs collapsed to one space and trimmed. For short labels and identifiers.
    var collapsedText: String {
        var bytes: [UInt8] = []
        appendCollapsedText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of ``collapsedText`` appended to `bytes`, which must be empty: for a caller that reuses one
    /// buffer for many labels (section titles) and makes a String only of what it keeps.
    func appendCollapsedText(to bytes: inout [UInt8]) {
        var pendingSpace = false
        // Most labels are one text node: no walk.
        if let only = firstChild, only.nextSibling == nil, only.kind == .text || only.kind == .cdata {
            only.withContent { WhitespaceSqueezing.append($0, to: &bytes, pendingSpace: &pendingSpace) }
            return
        }
        func visit(_ node: XMLNode) {
            for child in node.children {
                switch child.kind {
                case .text, .cdata:
                    child.withContent { WhitespaceSqueezing.append($0, to: &bytes, pendingSpace: &pendingSpace) }
                case .element: visit(child)
                default: break
                }
            }
        }
        visit(self)
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
