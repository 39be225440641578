/// Appends a JSON string literal (quotes included) to a byte buffer, escaping only what JSON requires.
///
/// RFC 8259 §7: the quote, the backslash and the C0 controls must be escaped; everything else, multi-byte UTF-8
/// included, is copied as it is, in runs found eight bytes at a time (``JSONSpecialBytes``), so a report's text
/// costs one scan and a few bulk copies. `\n`, `\r`,
/// `\t`, `\b` and `\f` use their short forms, other controls `\u00XX`.
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
        buffer.reserveCapacity(buffer.count + bytes.count + 2)
        buffer.append(UInt8(ascii: "\""))
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            index = JSONSpecialBytes.skipOrdinaryWords(bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
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

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendEscape(for byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case 0x0A: buffer.append(UInt8(ascii: "n"))
        case 0x0D: buffer.append(UInt8(ascii: "r"))
        case 0x09: buffer.append(UInt8(ascii: "t"))
        case 0x08: buffer.append(UInt8(ascii: "b"))
        case 0x0C: buffer.append(UInt8(ascii: "f"))
        default:
            buffer.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            buffer.append(hexDigits[Int(byte >> 4)])
            buffer.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
