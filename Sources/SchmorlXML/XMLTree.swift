/// The parsed document as three flat arrays (nodes, attributes, bytes), built by ``SafeXMLParser``'s SAX
/// callbacks in place of libxml2's DOM.
///
/// Why not libxml2's tree: building it (a malloc per node, attribute and text, a dictionary per document) and
/// freeing it cost more than the rest of reading a report. Here a node is a fixed-size value in one array, and
/// every name, text and attribute value is a byte range of one buffer, so a document costs a few growing arrays.
///
/// The tree is the one libxml2 2.9's SAX2 handlers build, so that readers see the same nodes:
/// - adjacent character data (text, entity and character references) is one text node, and adjacent CDATA sections
///   one CDATA node; a comment, processing instruction, element or entity reference starts a new node;
/// - an element's name is its local name, or `prefix:local` when the prefix is undeclared (libxml2 then keeps the
///   qualified name); likewise for attributes;
/// - attributes defaulted by a DTD's ATTLIST are dropped (the parser runs without `XML_COMPLETE_ATTRS`);
/// - an attribute value the parser had to copy (it held a reference, or needed normalising) is decoded as
///   `xmlStringLenGetNodeList` does: character references and the five predefined entities become their
///   characters, any other reference (to an undeclared entity) adds nothing;
/// - a text node stops growing past 10,000,000 bytes, and the parse stops there (SAX2's "huge text node" limit);
/// - nodes outside the root element (a comment after it) are not kept: no reader looks at them.
///
/// Invariant: node 0 is the root element once one was started; children are linked in document order; the text
/// of the last text or CDATA node of the open element ends the byte buffer (so it can grow in place).
struct XMLTree {
    /// One node. Indices are positions in ``nodes``, `-1` for none; ranges are offsets into ``bytes``.
    struct Node {
        var kind: XMLNode.Kind
        var parent = -1
        var firstChild = -1
        var lastChild = -1
        var nextSibling = -1
        /// The element's name; empty for other nodes.
        var nameStart = 0
        var nameCount = 0
        /// The text of a text, CDATA, comment or processing instruction node.
        var contentStart = 0
        var contentCount = 0
        /// The element's namespace URI, `-1` when it has none.
        var namespaceStart = -1
        var namespaceCount = 0
        var firstAttribute = 0
        var attributeCount = 0
        /// Where the node starts (``XMLNode/sourcePosition``).
        var line: Int
        var column: Int
        /// libxml2's line for the node (`xmlGetLineNo`): where the parser stood when the node was made. Only used
        /// to place an entity reference, which libxml2 places by its previous sibling or its parent.
        var parserLine: Int
    }

    /// One attribute: name and value as byte ranges.
    struct Attribute {
        var nameStart: Int
        var nameCount: Int
        var valueStart: Int
        var valueCount: Int
    }

    /// The arrays, borrowed for reading once the parse is over.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let attributes: UnsafeBufferPointer<Attribute>
        let bytes: UnsafeBufferPointer<UInt8>
    }

    /// SAX2's limit on one text node (`XML_MAX_TEXT_LENGTH`), kept since `XML_PARSE_HUGE` never is.
    static let maximumTextBytes = 10_000_000

    private(set) var nodes: [Node] = []
    private(set) var attributes: [Attribute] = []
    private(set) var bytes: [UInt8] = []
    /// The innermost open element, `-1` outside the root.
    private var current = -1
    /// The last namespace URI stored: libxml2 interns URIs in its dictionary (alive until the parse ends), so an equal
    /// pointer is an equal URI, and most elements share the previous one's bytes.
    private var lastNamespace: (uri: UnsafePointer<UInt8>, start: Int, count: Int)?

    /// Reserves room for a document of `expectedBytes` (a report wrapper has about one node per 30 bytes of
    /// markup and holds fewer bytes of names and text than of input), so the arrays rarely grow.
    init(expectedBytes: Int) {
        nodes.reserveCapacity(max(64, expectedBytes / 24))
        attributes.reserveCapacity(max(16, expectedBytes / 64))
        bytes.reserveCapacity(expectedBytes)
    }

    var hasRoot: Bool { !nodes.isEmpty }

    // MARK: Building

    /// Opens an element. `attributes` is libxml2's SAX2 array: five pointers per attribute (local name, prefix,
    /// URI, value start, value end).
    mutating func startElement(
        localName: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?,
        attributes attributeArray: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, attributeCount: Int,
        line: Int, column: Int, parserLine: Int
    ) {
        guard current >= 0 || nodes.isEmpty else { return }
        var node = Node(kind: .element, line: line, column: column, parserLine: parserLine)
        (node.nameStart, node.nameCount) = appendName(localName, prefix: uri == nil ? prefix : nil)
        if let uri {
            if let last = lastNamespace, last.uri == uri {
                (node.namespaceStart, node.namespaceCount) = (last.start, last.count)
            } else {
                (node.namespaceStart, node.namespaceCount) = append(cString: uri)
                lastNamespace = (uri, node.namespaceStart, node.namespaceCount)
            }
        }
        node.firstAttribute = attributes.count
        if let attributeArray {
            for index in 0..<attributeCount {
                let fields = attributeArray + index * 5
                let (nameStart, nameCount) = appendName(fields[0], prefix: fields[2] == nil ? fields[1] : nil)
                let (valueStart, valueCount) = appendValue(from: fields[3], to: fields[4])
                attributes.append(
                    Attribute(nameStart: nameStart, nameCount: nameCount, valueStart: valueStart, valueCount: valueCount))
            }
        }
        node.attributeCount = attributes.count - node.firstAttribute
        current = link(node)
    }

    /// Closes the innermost open element.
    mutating func endElement() {
        guard current >= 0 else { return }
        current = nodes[current].parent
    }

    /// Adds character data (`.text`) or a CDATA section (`.cdata`) to the open element, growing its last node when
    /// that is of the same kind. Returns false when a text node would pass ``maximumTextBytes`` (nothing added).
    mutating func appendCharacters(
        _ characters: UnsafeBufferPointer<UInt8>, kind: XMLNode.Kind, line: Int, column: Int, parserLine: Int
    ) -> Bool {
        guard current >= 0 else { return true }
        let last = nodes[current].lastChild
        if last >= 0, nodes[last].kind == kind {
            if kind == .text, nodes[last].contentCount + characters.count > Self.maximumTextBytes { return false }
            if nodes[last].contentStart + nodes[last].contentCount != bytes.count {
                // Not reached while the invariant holds; kept so that a grown node is always one byte range.
                let start = nodes[last].contentStart
                bytes.append(contentsOf: Array(bytes[start..<(start + nodes[last].contentCount)]))
                nodes[last].contentStart = bytes.count - nodes[last].contentCount
            }
            bytes.append(contentsOf: characters)
            nodes[last].contentCount += characters.count
            return true
        }
        var node = Node(kind: kind, line: line, column: column, parserLine: kind == .text ? parserLine : 0)
        node.contentStart = bytes.count
        node.contentCount = characters.count
        bytes.append(contentsOf: characters)
        link(node)
        return true
    }

    /// Adds a comment or processing instruction (its data as content): libxml2 places both at its line, column 1.
    mutating func appendMarkup(_ kind: XMLNode.Kind, content: UnsafePointer<UInt8>?, parserLine: Int) {
        guard current >= 0 else { return }
        var node = Node(kind: kind, line: parserLine, column: 1, parserLine: parserLine)
        if let content { (node.contentStart, node.contentCount) = append(cString: content) }
        link(node)
    }

    /// Adds a reference to an undeclared entity (kept by libxml2 when a DTD it does not load might declare it).
    /// libxml2 gives it the line of its previous sibling (element, text, comment or PI), else of its parent.
    mutating func appendEntityReference() {
        guard current >= 0 else { return }
        let previous = nodes[current].lastChild
        var line = nodes[current].parserLine
        if previous >= 0, nodes[previous].kind != .cdata, nodes[previous].kind != .entityReference {
            line = nodes[previous].parserLine
        }
        link(Node(kind: .entityReference, line: line, column: 1, parserLine: 0))
    }

    /// Appends `node` as the last child of the open element (or as the root) and returns its index.
    @discardableResult
    private mutating func link(_ node: Node) -> Int {
        var node = node
        let index = nodes.count
        node.parent = current
        if current >= 0 {
            let last = nodes[current].lastChild
            if last >= 0 { nodes[last].nextSibling = index } else { nodes[current].firstChild = index }
            nodes[current].lastChild = index
        }
        nodes.append(node)
        return index
    }

    private mutating func append(cString: UnsafePointer<UInt8>) -> (start: Int, count: Int) {
        let start = bytes.count
        bytes.append(contentsOf: UnsafeBufferPointer(start: cString, count: strlen(cString)))
        return (start, bytes.count - start)
    }

    /// The length of a NUL-terminated string.
    private func strlen(_ string: UnsafePointer<UInt8>) -> Int {
        var end = string
        while end.pointee != 0 { end += 1 }
        return end - string
    }

    /// A name: `local`, or `prefix:local` when an undeclared prefix is given.
    private mutating func appendName(_ local: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?) -> (Int, Int) {
        let start = bytes.count
        if let prefix {
            _ = append(cString: prefix)
            bytes.append(0x3A)
        }
        if let local { _ = append(cString: local) }
        return (start, bytes.count - start)
    }

    /// An attribute value as SAX2 stores it. A value the parser left in its input ends at the closing quote; one
    /// it copied ends with a NUL and may hold references (`&#38;` for `&amp;`), decoded here.
    private mutating func appendValue(from start: UnsafePointer<UInt8>?, to end: UnsafePointer<UInt8>?) -> (Int, Int) {
        let offset = bytes.count
        guard let start, let end, end > start else { return (offset, 0) }
        let value = UnsafeBufferPointer(start: start, count: end - start)
        guard end.pointee == 0, value.contains(0x26) else {
            bytes.append(contentsOf: value)
            return (offset, bytes.count - offset)
        }
        var index = 0
        while index < value.count {
            let byte = value[index]
            guard byte == 0x26, let semicolon = value[index...].firstIndex(of: 0x3B) else {
                bytes.append(byte)
                index += 1
                continue
            }
            let reference = value[(index + 1)..<semicolon]
            if let scalar = Self.characterReference(reference) {
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            }
            index = semicolon + 1
        }
        return (offset, bytes.count - offset)
    }

    /// The character a reference stands for (`#38`, `#x41`, `lt`), or nil for an entity no document declares.
    private static func characterReference(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        guard let first = name.first else { return nil }
        if first == 0x23 {
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if digits.first == 0x78 {
                radix = 16
                digits = digits.dropFirst()
            }
            var value: UInt32 = 0
            for digit in digits {
                let number: UInt32
                switch digit {
                case 0x30...0x39: number = UInt32(digit - 0x30)
                case 0x61...0x66 where radix == 16: number = UInt32(digit - 0x61 + 10)
                case 0x41...0x46 where radix == 16: number = UInt32(digit - 0x41 + 10)
                default: return nil
                }
                value = value &* radix &+ number
                if value > 0x10FFFF { return nil }
            }
            return value == 0 ? nil : Unicode.Scalar(value)
        }
        switch ElementName(bytes: UnsafeBufferPointer(rebasing: name)) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default: return nil
        }
    }

    // MARK: Reading

    /// Lends the finished arrays to `body`.
    func withView<Result, Failure: Error>(_ body: (UnsafePointer<View>) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        let outcome: Swift.Result<Result, Failure> = nodes.withUnsafeBufferPointer { nodes in
            attributes.withUnsafeBufferPointer { attributes in
                bytes.withUnsafeBufferPointer { bytes in
                    var view = View(nodes: nodes, attributes: attributes, bytes: bytes)
                    return withUnsafePointer(to: &view) { pointer in
                        do throws(Failure) { return .success(try body(pointer)) } catch { return .failure(error) }
                    }
                }
            }
        }
        return try outcome.get()
    }
}
