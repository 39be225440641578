/// Appends a JSON string literal (quotes included) to a byte buffer, escaping only what JSON requires.
///
/// RFC 8259 §7: the quote, the backslash and the C0 controls must be escaped; everything else, multi-byte UTF-8
/// included, is copied as it is. Most strings written (evidence snippets, enum values, ids) need no escape at
/// all, so the escaper first looks for a special byte, eight bytes at a time (``JSONSpecialBytes``): a string
/// without one is copied with its quotes in one reserved write. Otherwise the runs between special bytes are
/// copied in bulk, so a report's text costs one scan and a few copies. `\n`, `\r`, `\t`, `\b` and `\f` use their
/// short forms, other controls `\u00XX`.
public enum JSONStringEscaper {
    /// Appends `"string"` with escapes.
    /// - Complexity: O(n) in the UTF-8 length; no allocation beyond the buffer's growth.
    public static func append(_ string: String, to buffer: inout [UInt8]) {
        var string = string
        string.withUTF8 { append(utf8: $0, to: &buffer) }
    }

    /// Appends `"bytes"` with escapes; `bytes` must be valid UTF-8 (they are copied, not checked).
    /// - Complexity: O(n) in `bytes.count`.
    public static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        if !JSONSpecialBytes.containsSpecial(bytes) {
            buffer.appendReserved(upTo: bytes.count + 2) { out in
                out.write(UInt8(ascii: "\""))
                out.write(bytes)
                out.write(UInt8(ascii: "\""))
            }
        } else {
            buffer.append(UInt8(ascii: "\""))
            appendEscaped(bytes, firstSpecial: firstSpecialIndex(in: bytes), to: &buffer)
        }
    }

    /// The index of the first byte that must be escaped, or `bytes.count` when there is none.
    /// - Complexity: O(n / 8) over ordinary bytes.
    @inline(__always)
    static func firstSpecialIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = JSONSpecialBytes.skipOrdinaryWords(bytes, from: 0)
        while index < bytes.count, !isSpecial(bytes[index]) { index &+= 1 }
        return index
    }

    /// Appends the rest of a string literal whose first special byte is at `firstSpecial`: the bytes, escaped, and
    /// the closing quote. The opening quote is already written.
    /// - Complexity: O(n) in `bytes.count`.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, firstSpecial: Int, to buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + bytes.count + 8)
        var runStart = 0
        var index = firstSpecial
        let count = bytes.count
        while index < count {
            index = JSONSpecialBytes.skipOrdinaryWords(bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if !isSpecial(byte) {
                index += 1
                continue
            }
            if runStart < index {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            appendEscape(for: byte, to: &buffer)
            index += 1
            runStart = index
        }
        if runStart < count {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private static func appendEscape(for byte: UInt8, to buffer: inout [UInt8]) {
        buffer.appendReserved(upTo: 6) { out in
            out.write(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.write(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.write(UInt8(ascii: "\\"))
            case 0x0A: out.write(UInt8(ascii: "n"))
            case 0x0D: out.write(UInt8(ascii: "r"))
            case 0x09: out.write(UInt8(ascii: "t"))
            case 0x08: out.write(UInt8(ascii: "b"))
            case 0x0C: out.write(UInt8(ascii: "f"))
            default:
                out.write("u00")
                hexDigits.withUTF8Buffer { digits in
                    out.write(digits[Int(byte >> 4)])
                    out.write(digits[Int(byte & 0x0F)])
                }
            }
        }
    }
}
