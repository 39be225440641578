import SchmorlModel

/// Finds the root element of an XML document (name, prefix, namespace, attributes) by scanning its first bytes,
/// without parsing: format detection must stay cheap on a 50 MB file.
///
/// Skips a byte order mark, whitespace, the XML declaration, processing instructions, comments and a DOCTYPE
/// (with its internal subset). UTF-16 is handled by reading every other byte, which is exact for the ASCII markup
/// a root start tag is made of.
enum RootElementSniffer {
    static let hl7Namespace = "urn:hl7-org:v3"
    static let fhirNamespace = "http://hl7.org/fhir"
    static let dcmtkNamespace = "http://dicom.offis.de/dcmsr"
    static let nativeDicomNamespace = "http://dicom.nema.org/PS3.19/models/NativeDICOM"

    /// The roots told apart by their attributes (namespace, `type`); reading other roots' attributes would cost a
    /// String each for nothing.
    static let rootsReadByAttributes: Set<String> = ["Bundle", "report", "section"]

    /// How far the prolog may reach before the root start tag must have begun.
    static let window = 64 * 1024

    struct RootElement {
        var prefix: String?
        var localName: String
        var attributes: [String: String]

        var namespace: String? {
            attributes[prefix.map { "xmlns:\($0)" } ?? "xmlns"]
        }
    }

    static func format(of bytes: [UInt8]) -> SourceFormat? {
        guard let first = firstSignificantByte(bytes) else { return nil }
        if first == UInt8(ascii: "{") {
            return contains(bytes, Array("\"resourceType\"".utf8)) ? .fhirJSON : nil
        }
        guard first == UInt8(ascii: "<") else { return nil }
        // UTF-8 (nearly every input) is read in place; UTF-16 is narrowed into a copy first.
        let (start, step) = layout(bytes)
        if step == 1 {
            return bytes.withUnsafeBufferPointer { all in
                let end = min(all.count, start + window)
                return format(ofASCII: UnsafeBufferPointer(rebasing: all[min(start, end)..<end]))
            }
        }
        return asciiPrefix(bytes).withUnsafeBufferPointer { format(ofASCII: $0) }
    }

    /// The format named by the root start tag in an ASCII prefix.
    private static func format(ofASCII ascii: UnsafeBufferPointer<UInt8>) -> SourceFormat {
        guard let start = rootNameStart(ascii) else { return .genericXML }
        if let format = formatByName(ascii, from: start) { return format }
        guard let root = startTag(ascii, from: start, attributesOf: rootsReadByAttributes) else { return .genericXML }
        // A root the byte test left (a prefixed one, "hl7:ClinicalDocument"): its local name may still decide alone.
        var localName = root.localName
        if let format = localName.withUTF8({ formatOfName(ElementName(bytes: $0)) }) { return format }
        switch localName {
        case "Bundle": return root.namespace == fhirNamespace ? .fhirXML : .genericXML
        case "report":
            if root.namespace == dcmtkNamespace || root.attributes["type"]?.hasSuffix("SR") == true { return .dicomSR }
            return .genericXML
        case "section":
            let namespace = root.namespace
            if namespace == hl7Namespace || namespace == nil && contains(ascii, Array("2.16.840.1.113883".utf8)) {
                return .cda
            }
            return .genericXML
        default:
            return .genericXML
        }
    }

    /// The first byte that is not whitespace, a UTF-8 BOM or a UTF-16 BOM (for UTF-16, the ASCII byte of the
    /// first significant code unit).
    ///
    /// - Complexity: O(k) in the leading whitespace; no allocation.
    static func firstSignificantByte(_ bytes: [UInt8]) -> UInt8? {
        let (start, step) = layout(bytes)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) { return byte }
            index += step
        }
        return nil
    }

    /// Where the ASCII bytes start and how far apart they are: BOM skipped; UTF-16 read at its ASCII byte.
    private static func layout(_ bytes: [UInt8]) -> (start: Int, step: Int) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (3, 1) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (2, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (3, 2) }
        if bytes.count >= 2, bytes[0] == 0x3C, bytes[1] == 0x00 { return (0, 2) }
        if bytes.count >= 2, bytes[0] == 0x00, bytes[1] == 0x3C { return (1, 2) }
        return (0, 1)
    }

    /// The first `limit` bytes as ASCII: BOM removed, UTF-16 narrowed to its ASCII bytes.
    static func asciiPrefix(_ bytes: [UInt8], limit: Int = window) -> [UInt8] {
        let (start, step) = layout(bytes)
        if step == 1 { return Array(bytes[min(start, bytes.count)..<min(bytes.count, start + limit)]) }
        var result: [UInt8] = []
        result.reserveCapacity(min(limit, bytes.count / 2))
        var index = start
        while index < bytes.count, result.count < limit {
            result.append(bytes[index])
            index += step
        }
        return result
    }

    /// The format of an unprefixed root whose name alone decides it (``formatOfName(_:)``), compared on bytes;
    /// nil for any other root, which ``startTag(_:from:attributesOf:)`` then reads. Why: nearly every input's root
    /// is one of these, and this answers without the Strings, the attribute set and the name split of the long way.
    private static func formatByName(_ ascii: UnsafeBufferPointer<UInt8>, from start: Int) -> SourceFormat? {
        var end = start
        while end < ascii.count {
            let byte = ascii[end]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x3E || byte == 0x2F
                || byte == 0x3D || byte == 0x22 || byte == 0x27 || byte == 0x3A
            {
                break
            }
            end += 1
        }
        // A name with a prefix goes the long way.
        if end < ascii.count, ascii[end] == 0x3A { return nil }
        return formatOfName(ElementName(bytes: UnsafeBufferPointer(rebasing: ascii[start..<end])))
    }

    /// The formats a root's local name decides alone, whatever its attributes; nil for the other names.
    private static func formatOfName(_ name: ElementName) -> SourceFormat? {
        switch name {
        case "ClinicalDocument": .cda
        case "DiagnosticReport": .fhirXML
        case "NativeDicomModel": .dicomNative
        case "eCitation": .openI
        default: nil
        }
    }

    /// The root start tag in an ASCII prefix, or nil if the prefix holds none. Its attributes are read when its
    /// local name is in `attributesOf` (nil: always).
    static func rootElement(_ ascii: UnsafeBufferPointer<UInt8>, attributesOf: Set<String>? = nil) -> RootElement? {
        guard let start = rootNameStart(ascii) else { return nil }
        return startTag(ascii, from: start, attributesOf: attributesOf)
    }

    /// The offset of the root start tag's name (just after its `<`) in an ASCII prefix, past the prolog (XML
    /// declaration, processing instructions, comments, DOCTYPE); nil if the prefix holds no start tag.
    private static func rootNameStart(_ ascii: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = ascii.count
        // Literal markers compared byte by byte: no array per comparison (this runs on every XML input).
        func starts(_ text: StaticString, at position: Int) -> Bool {
            let length = text.utf8CodeUnitCount
            guard position + length <= count else { return false }
            for offset in 0..<length where ascii[position + offset] != text.utf8Start[offset] { return false }
            return true
        }
        func skip(past terminator: StaticString) -> Bool {
            while index + terminator.utf8CodeUnitCount <= count {
                if starts(terminator, at: index) {
                    index += terminator.utf8CodeUnitCount
                    return true
                }
                index += 1
            }
            return false
        }
        while index < count {
            let byte = ascii[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else if starts("<?", at: index) {
                guard skip(past: "?>") else { return nil }
            } else if starts("<!--", at: index) {
                guard skip(past: "-->") else { return nil }
            } else if starts("<!", at: index) {
                // DOCTYPE: skip to the '>' outside quotes and the internal subset.
                var depth = 0
                var quote: UInt8?
                index += 2
                while index < count {
                    let current = ascii[index]
                    index += 1
                    if let open = quote {
                        if current == open { quote = nil }
                    } else if current == 0x22 || current == 0x27 {
                        quote = current
                    } else if current == 0x5B {
                        depth += 1
                    } else if current == 0x5D {
                        depth -= 1
                    } else if current == 0x3E, depth <= 0 {
                        break
                    }
                }
            } else if byte == 0x3C {
                return index + 1
            } else {
                return nil
            }
        }
        return nil
    }

    private static func startTag(
        _ ascii: UnsafeBufferPointer<UInt8>, from start: Int, attributesOf: Set<String>?
    ) -> RootElement? {
        var index = start
        let count = ascii.count
        func isNameByte(_ byte: UInt8) -> Bool {
            !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x3E || byte == 0x2F
                || byte == 0x3D || byte == 0x22 || byte == 0x27)
        }
        func readName() -> String {
            let begin = index
            while index < count, isNameByte(ascii[index]) { index += 1 }
            return String(decoding: ascii[begin..<index], as: UTF8.self)
        }
        func skipSpace() {
            while index < count,
                ascii[index] == 0x20 || ascii[index] == 0x09 || ascii[index] == 0x0A || ascii[index] == 0x0D
            {
                index += 1
            }
        }
        let nameStart = index
        let qualified = readName()
        guard !qualified.isEmpty else { return nil }
        let parts = splitQualifiedName(qualified, ascii: UnsafeBufferPointer(rebasing: ascii[nameStart..<index]))
        let localName = parts.count == 2 ? String(parts[1]) : qualified
        var attributes: [String: String] = [:]
        while attributesOf?.contains(localName) ?? true, index < count {
            skipSpace()
            guard index < count, ascii[index] != 0x3E, ascii[index] != 0x2F else { break }
            let name = readName()
            guard !name.isEmpty else { break }
            skipSpace()
            guard index < count, ascii[index] == 0x3D else { break }
            index += 1
            skipSpace()
            guard index < count, ascii[index] == 0x22 || ascii[index] == 0x27 else { break }
            let quote = ascii[index]
            index += 1
            let begin = index
            while index < count, ascii[index] != quote { index += 1 }
            attributes[name] = String(decoding: ascii[begin..<min(index, count)], as: UTF8.self)
            index += 1
        }
        return RootElement(prefix: parts.count == 2 ? String(parts[0]) : nil, localName: localName, attributes: attributes)
    }

    /// `qualified.split(separator: ":", maxSplits: 1)`: prefix and local name, or the name alone. `bytes` are the
    /// name's bytes. Why: the split compares Characters, and its grapheme breaking was most of the sniffer's cost
    /// on every XML input; for an ASCII name (nearly every name) Characters are bytes, so the same split is done
    /// on bytes, empty pieces dropped as the Character split drops them. Other names take the Character split.
    private static func splitQualifiedName(_ qualified: String, ascii bytes: UnsafeBufferPointer<UInt8>)
        -> [Substring]
    {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return qualified.split(separator: ":", maxSplits: 1) }
        var pieces: [Substring] = []
        let utf8 = qualified.utf8
        func piece(_ range: Range<Int>) -> Substring {
            qualified[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                utf8.startIndex, offsetBy: range.upperBound)]
        }
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: ":") {
            if index > start {
                pieces.append(piece(start..<index))
                start = index + 1
                break
            }
            start = index + 1
        }
        if start < bytes.count { pieces.append(piece(start..<bytes.count)) }
        return pieces
    }

    /// Whether `bytes` contains `pattern`.
    static func contains<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ pattern: [UInt8]) -> Bool
    where Bytes.Index == Int {
        guard !pattern.isEmpty, pattern.count <= bytes.count else { return false }
        let first = pattern[0]
        var index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }
}
