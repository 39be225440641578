/// Decides, on the input's first bytes, whether libxml2 will read a document as UTF-8 without converting it.
///
/// Why: ``SafeXMLParser`` hands libxml2 the whole document at once, yet libxml2 still asks its input callback
/// for more about sixty times per document (each call growing and probing the buffer), about 12k instructions
/// per CDA report. Removing the callback stops that, but only while no encoder is installed: with one (a UTF-16
/// or ISO-8859-1 document) libxml2 converts the input chunk by chunk through that same callback, and without it
/// the document would be read cut short. So the callback is removed only when this check proves libxml2 reads
/// the bytes as they are, and the check errs on the side of keeping it:
/// - the first four bytes are ASCII and not NUL: no byte order mark (`EF BB BF`, `FF FE`, `FE FF`) and none of
///   the patterns libxml2 takes for UTF-16, UCS-4 or EBCDIC without one (`3C 00 3F 00`, `4C 6F A7 94`, ...);
/// - an XML declaration (`<?xml` and a blank, which is what libxml2 reads as one) names no encoding, or names
///   `UTF-8` / `UTF8` in any case (libxml2 handles those natively and installs no encoder). Any other name,
///   an encoding named twice, or a declaration that does not end within its first 512 bytes keeps the callback.
enum UTF8Declaration {
    /// The longest XML declaration looked at; a longer one keeps the callback.
    private static let maximumDeclarationBytes = 512

    /// Whether libxml2 reads `bytes` as UTF-8 with no encoder (see the type's rules); false when unsure.
    static func needsNoConversion(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0..<4 where bytes[index] == 0 || bytes[index] >= 0x80 { return false }
        guard hasPrefix(bytes, "<?xml", at: 0), bytes.count > 5, isBlank(bytes[5]) else {
            // No XML declaration: libxml2 assumes UTF-8.
            return true
        }
        let limit = min(bytes.count, maximumDeclarationBytes)
        var end = 6
        while end + 1 < limit, !(bytes[end] == 0x3F && bytes[end + 1] == 0x3E) { end += 1 }
        guard end + 1 < limit else { return false }
        var found: Int?
        var index = 5
        while index + 8 <= end {
            if hasPrefix(bytes, "encoding", at: index) {
                guard found == nil else { return false }
                found = index
                index += 8
            } else {
                index += 1
            }
        }
        guard let name = found else { return true }
        guard isBlank(bytes[name - 1]) else { return false }
        var cursor = name + 8
        while cursor < end, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor < end, bytes[cursor] == 0x3D else { return false }  // '='
        cursor += 1
        while cursor < end, isBlank(bytes[cursor]) { cursor += 1 }
        guard cursor < end, bytes[cursor] == 0x22 || bytes[cursor] == 0x27 else { return false }  // '"' or '\''
        let quote = bytes[cursor]
        let valueStart = cursor + 1
        var valueEnd = valueStart
        while valueEnd < end, bytes[valueEnd] != quote { valueEnd += 1 }
        guard valueEnd < end else { return false }
        return equalsIgnoringCase(bytes, valueStart..<valueEnd, "utf-8")
            || equalsIgnoringCase(bytes, valueStart..<valueEnd, "utf8")
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether `literal` (ASCII) is at `offset` of `bytes`, exactly.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString, at offset: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { return false }
        return true
    }

    /// Whether the bytes in `range` are `literal` (lower-case ASCII), ignoring the case of ASCII letters.
    private static func equalsIgnoringCase(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ literal: StaticString
    ) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        for (index, position) in range.enumerated() {
            var byte = bytes[position]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != literal.utf8Start[index] { return false }
        }
        return true
    }
}
