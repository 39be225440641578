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
    /// One node, 56 bytes: indices are positions in ``nodes``, `-1` for none; ranges are offsets into ``bytes``.
    ///
    /// Why 32-bit fields: building the tree is mostly copying nodes into the array, and half the width is half the
    /// copying. They cannot overflow: the input is below 2 GiB (``SafeXMLParser`` checks), a node takes at least
    /// three input bytes, and ``bytes`` is refused past ``maximumBytes`` (``overflowed``).
    struct Node {
        var kind: XMLNode.Kind
        var parent: Int32 = -1
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// An element's name; the text of a text, CDATA, comment or processing instruction node.
        var start: Int32 = 0
        var count: Int32 = 0
        /// The element's namespace URI, `-1` when it has none.
        var namespaceStart: Int32 = -1
        var namespaceCount: Int32 = 0
        var firstAttribute: Int32 = 0
        var attributeCount: Int32 = 0
        /// Where the node starts (``XMLNode/sourcePosition``).
        var line: Int32
        var column: Int32
        /// libxml2's line for the node (`xmlGetLineNo`): where the parser stood when the node was made. Only used
        /// to place an entity reference, which libxml2 places by its previous sibling or its parent.
        var parserLine: Int32

        init(kind: XMLNode.Kind, line: Int, column: Int, parserLine: Int) {
            self.kind = kind
            self.line = Int32(clamping: line)
            self.column = Int32(clamping: column)
            self.parserLine = Int32(clamping: parserLine)
        }
    }

    /// One attribute: name and value as byte ranges.
    struct Attribute {
        var nameStart: Int32
        var nameCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    /// The arrays, borrowed for reading once the parse is over.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let attributes: UnsafeBufferPointer<Attribute>
        let bytes: UnsafeBufferPointer<UInt8>
    }

    /// SAX2's limit on one text node (`XML_MAX_TEXT_LENGTH`), kept since `XML_PARSE_HUGE` never is.
    static let maximumTextBytes = 10_000_000

    /// The most bytes of names, text and values a tree holds, so that 32-bit offsets always fit. Only an input of
    /// more than 1 GiB in a narrow encoding (ISO-8859-1 text doubles in UTF-8) can reach it.
    static let maximumBytes = Int(Int32.max)

    private var nodes: GrowingBuffer<Node>
    private var attributes: GrowingBuffer<Attribute>
    private var bytes: GrowingBuffer<UInt8>
    /// Set when ``bytes`` would pass ``maximumBytes``: nothing more is added and the parse must stop.
    private(set) var overflowed = false
    /// The innermost open element, `-1` outside the root.
    private var current: Int32 = -1
    /// Names and namespace URIs already stored, by the address libxml2 gave them (see ``storedName(_:)``).
    private var storedNames: GrowingBuffer<StoredName>

    /// A name or namespace URI stored in ``bytes``, under the address of libxml2's interned copy.
    private struct StoredName {
        var address: UnsafePointer<UInt8>?
        var start: Int32
        var count: Int32
    }

    /// Slots of ``storedNames``: a power of two, well above the few dozen names a report wrapper uses.
    private static let storedNameSlots = 128

    /// Reserves room for a document of `expectedBytes` (a report wrapper has about one node per 30 bytes of
    /// markup and holds fewer bytes of names and text than of input), so the buffers rarely grow. Nothing is
    /// allocated for 0 (a tree that only collects errors). The owner calls ``deallocate()`` when done.
    init(expectedBytes: Int) {
        let sized = expectedBytes > 0
        nodes = GrowingBuffer(minimumCapacity: sized ? max(64, expectedBytes / 24) : 0)
        attributes = GrowingBuffer(minimumCapacity: sized ? max(16, expectedBytes / 64) : 0)
        bytes = GrowingBuffer(minimumCapacity: expectedBytes)
        storedNames = GrowingBuffer(minimumCapacity: sized ? Self.storedNameSlots : 0)
        if sized {
            for _ in 0..<Self.storedNameSlots { storedNames.append(StoredName(address: nil, start: 0, count: 0)) }
        }
    }

    /// Frees the buffers; nothing may read the tree afterwards.
    mutating func deallocate() {
        nodes.deallocate()
        attributes.deallocate()
        bytes.deallocate()
        storedNames.deallocate()
    }

    var hasRoot: Bool { nodes.count > 0 }

    // MARK: Building

    /// Opens an element. `attributes` is libxml2's SAX2 array: five pointers per attribute (local name, prefix,
    /// URI, value start, value end).
    @inline(__always)
    mutating func startElement(
        localName: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?, uri: UnsafePointer<UInt8>?,
        attributes attributeArray: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, attributeCount: Int,
        line: Int, column: Int, parserLine: Int
    ) {
        guard current >= 0 || nodes.count == 0, !overflowed else { return }
        var node = Node(kind: .element, line: line, column: column, parserLine: parserLine)
        (node.start, node.count) = appendName(localName, prefix: uri == nil ? prefix : nil)
        if let uri { (node.namespaceStart, node.namespaceCount) = storedName(uri) }
        node.firstAttribute = Int32(truncatingIfNeeded: attributes.count)
        if let attributeArray {
            for index in 0..<attributeCount {
                let fields = attributeArray + index * 5
                let (nameStart, nameCount) = appendName(fields[0], prefix: fields[2] == nil ? fields[1] : nil)
                let (valueStart, valueCount) = appendValue(from: fields[3], to: fields[4])
                attributes.append(
                    Attribute(nameStart: nameStart, nameCount: nameCount, valueStart: valueStart, valueCount: valueCount))
            }
        }
        node.attributeCount = Int32(truncatingIfNeeded: attributes.count) - node.firstAttribute
        current = link(node)
    }

    /// Closes the innermost open element.
    mutating func endElement() {
        guard current >= 0 else { return }
        current = nodes[Int(current)].parent
    }

    /// Adds character data (`.text`) or a CDATA section (`.cdata`) to the open element, growing its last node when
    /// that is of the same kind. Returns false when a text node would pass ``maximumTextBytes`` (nothing added).
    @inline(__always)
    mutating func appendCharacters(
        _ characters: UnsafeBufferPointer<UInt8>, kind: XMLNode.Kind, line: Int, column: Int, parserLine: Int
    ) -> Bool {
        guard current >= 0, !overflowed else { return true }
        let last = Int(nodes[Int(current)].lastChild)
        if last >= 0, nodes[last].kind == kind {
            if kind == .text, Int(nodes[last].count) + characters.count > Self.maximumTextBytes { return false }
            if Int(nodes[last].start + nodes[last].count) != bytes.count {
                // Not reached while the invariant holds; kept so that a grown node is always one byte range.
                let start = Int(nodes[last].start)
                let moved = Array(bytes.elements[start..<(start + Int(nodes[last].count))])
                guard let (movedStart, _) = moved.withUnsafeBufferPointer({ append($0) }) else { return true }
                nodes[last].start = movedStart
            }
            guard let (_, added) = append(characters) else { return true }
            nodes[last].count += added
            return true
        }
        var node = Node(kind: kind, line: line, column: column, parserLine: kind == .text ? parserLine : 0)
        guard let (start, count) = append(characters) else { return true }
        (node.start, node.count) = (start, count)
        link(node)
        return true
    }

    /// Adds a comment or processing instruction (its data as content): libxml2 places both at its line, column 1.
    mutating func appendMarkup(_ kind: XMLNode.Kind, content: UnsafePointer<UInt8>?, parserLine: Int) {
        guard current >= 0, !overflowed else { return }
        var node = Node(kind: kind, line: parserLine, column: 1, parserLine: parserLine)
        if let content {
            guard let (start, count) = append(UnsafeBufferPointer(start: content, count: strlen(content))) else {
                return
            }
            (node.start, node.count) = (start, count)
        }
        link(node)
    }

    /// Adds a reference to an undeclared entity (kept by libxml2 when a DTD it does not load might declare it).
    /// libxml2 gives it the line of its previous sibling (element, text, comment or PI), else of its parent.
    mutating func appendEntityReference() {
        guard current >= 0, !overflowed else { return }
        let previous = Int(nodes[Int(current)].lastChild)
        var line = nodes[Int(current)].parserLine
        if previous >= 0, nodes[previous].kind != .cdata, nodes[previous].kind != .entityReference {
            line = nodes[previous].parserLine
        }
        link(Node(kind: .entityReference, line: Int(line), column: 1, parserLine: 0))
    }

    /// Appends `node` as the last child of the open element (or as the root) and returns its index.
    @inline(__always)
    @discardableResult
    private mutating func link(_ node: Node) -> Int32 {
        var node = node
        let index = Int32(truncatingIfNeeded: nodes.count)
        node.parent = current
        if current >= 0 {
            let parent = Int(current)
            let last = Int(nodes[parent].lastChild)
            if last >= 0 { nodes[last].nextSibling = index } else { nodes[parent].firstChild = index }
            nodes[parent].lastChild = index
        }
        nodes.append(node)
        return index
    }

    /// Appends bytes and returns their range, or nil (adding nothing, setting ``overflowed``) past
    /// ``maximumBytes``.
    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) -> (start: Int32, count: Int32)? {
        let start = bytes.count
        guard start + buffer.count <= Self.maximumBytes else {
            overflowed = true
            return nil
        }
        bytes.append(contentsOf: buffer)
        return (Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: buffer.count))
    }

    /// The range of a name or namespace URI libxml2 interned in its dictionary, storing its bytes the first time.
    ///
    /// Why by address: the parser interns every element and attribute name and every namespace URI, and the
    /// dictionary lives until the parse ends, so within one parse an equal address is an equal string. A report
    /// repeats a few dozen names, so most elements and attributes store no bytes and measure no string. A
    /// direct-mapped table: two names sharing a slot only store their bytes again.
    @inline(__always)
    private mutating func storedName(_ address: UnsafePointer<UInt8>) -> (start: Int32, count: Int32) {
        let hash = UInt(bitPattern: address) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: hash >> (UInt.bitWidth - 7))
        let cached = storedNames[slot]
        if cached.address == address { return (cached.start, cached.count) }
        // A tree sized for nothing has no slots; it never sees an element (it only collects errors).
        assert(storedNames.count == Self.storedNameSlots)
        guard let range = append(UnsafeBufferPointer(start: address, count: strlen(address))) else { return (0, 0) }
        storedNames[slot] = StoredName(address: address, start: range.start, count: range.count)
        return range
    }

    /// The length of a NUL-terminated string.
    private func strlen(_ string: UnsafePointer<UInt8>) -> Int {
        var end = string
        while end.pointee != 0 { end += 1 }
        return end - string
    }

    /// A name: `local`, or `prefix:local` when an undeclared prefix is given.
    @inline(__always)
    private mutating func appendName(_ local: UnsafePointer<UInt8>?, prefix: UnsafePointer<UInt8>?) -> (Int32, Int32) {
        guard let prefix else {
            guard let local else { return (Int32(truncatingIfNeeded: bytes.count), 0) }
            return storedName(local)
        }
        // libxml2 keeps no interned `prefix:local`: store the pair (rare: only for an undeclared prefix).
        let start = bytes.count
        guard append(UnsafeBufferPointer(start: prefix, count: strlen(prefix))) != nil else { return (0, 0) }
        let colon: StaticString = ":"
        guard append(UnsafeBufferPointer(start: colon.utf8Start, count: 1)) != nil else { return (0, 0) }
        if let local, append(UnsafeBufferPointer(start: local, count: strlen(local))) == nil { return (0, 0) }
        return (Int32(truncatingIfNeeded: start), Int32(truncatingIfNeeded: bytes.count - start))
    }

    /// An attribute value as SAX2 stores it. A value the parser left in its input ends at the closing quote; one
    /// it copied ends with a NUL and may hold references (`&#38;` for `&amp;`), decoded here.
    @inline(__always)
    private mutating func appendValue(from start: UnsafePointer<UInt8>?, to end: UnsafePointer<UInt8>?) -> (Int32, Int32) {
        let offset = bytes.count
        guard let start, let end, end > start else { return (Int32(truncatingIfNeeded: offset), 0) }
        let value = UnsafeBufferPointer(start: start, count: end - start)
        guard end.pointee == 0, value.contains(0x26) else {
            return append(value) ?? (0, 0)
        }
        return appendDecodedValue(value)
    }

    /// A copied value holding references, decoded (rare: kept out of line).
    @inline(never)
    private mutating func appendDecodedValue(_ value: UnsafeBufferPointer<UInt8>) -> (Int32, Int32) {
        var decoded: [UInt8] = []  // rare: only a value holding a reference
        var index = 0
        while index < value.count {
            let byte = value[index]
            guard byte == 0x26, let semicolon = value[index...].firstIndex(of: 0x3B) else {
                decoded.append(byte)
                index += 1
                continue
            }
            let reference = value[(index + 1)..<semicolon]
            if let scalar = Self.characterReference(reference) {
                decoded.append(contentsOf: String(Character(scalar)).utf8)
            }
            index = semicolon + 1
        }
        return decoded.withUnsafeBufferPointer { append($0) } ?? (0, 0)
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

    /// Lends the finished buffers to `body`.
    func withView<Result, Failure: Error>(_ body: (UnsafePointer<View>) throws(Failure) -> Result) throws(Failure)
        -> Result
    {
        var view = View(nodes: nodes.elements, attributes: attributes.elements, bytes: bytes.elements)
        return try withUnsafePointer(to: &view) { pointer throws(Failure) in try body(pointer) }
    }
}
