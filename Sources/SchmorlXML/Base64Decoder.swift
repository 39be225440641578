/// Decodes base64 (RFC 4648 §4, the alphabet of FHIR `base64Binary` and CDA `representation="B64"`), strictly.
///
/// Strict because a report whose attachment is damaged must fail loudly rather than yield shortened text:
/// characters outside the alphabet, padding anywhere but the end, or a length that is not a whole number of
/// quanta are errors naming the first offending character. Whitespace (space, tab, CR, LF) is skipped, since
/// XML and JSON writers wrap long values.
enum Base64Decoder {
    /// Why a value is not base64, and where.
    struct Failure: Error {
        /// What is wrong, for the error message.
        var reason: String
        /// Index of the offending character among the input's characters (0-based), if one is to blame.
        var index: Int?
    }

    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The decoded bytes, at most `maximumBytes` of them.
    ///
    /// - Complexity: O(n), one pass, no intermediate copy of the input.
    static func decode(_ text: String, maximumBytes: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(text.utf8.count / 4 * 3, maximumBytes))
        var quantum: UInt32 = 0
        var filled = 0
        var padding = 0
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if byte == 0x3D {  // '='
                guard filled >= 2 else {
                    throw Failure(reason: "padding '=' where a data character is expected", index: index)
                }
                padding += 1
                filled += 1
                quantum <<= 6
                if filled == 4 {
                    flush(quantum, padding: padding, into: &output)
                    filled = 0
                    quantum = 0
                }
                continue
            }
            guard padding == 0 else {
                throw Failure(reason: "data after the padding '='", index: index)
            }
            let value = table[Int(byte)]
            guard value != 0xFF else {
                let shown =
                    byte >= 0x21 && byte < 0x7F
                    ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
                throw Failure(reason: "\(shown) is not a base64 character", index: index)
            }
            quantum = quantum << 6 | UInt32(value)
            filled += 1
            if filled == 4 {
                flush(quantum, padding: 0, into: &output)
                filled = 0
                quantum = 0
                guard output.count <= maximumBytes else {
                    throw Failure(reason: "decodes to more than \(maximumBytes) bytes (XMLLimits)", index: nil)
                }
            }
        }
        guard filled == 0 else {
            throw Failure(reason: "length is not a multiple of 4 (truncated or missing '=' padding)", index: nil)
        }
        return output
    }

    private static func flush(_ quantum: UInt32, padding: Int, into output: inout [UInt8]) {
        output.append(UInt8(truncatingIfNeeded: quantum >> 16))
        if padding < 2 { output.append(UInt8(truncatingIfNeeded: quantum >> 8)) }
        if padding < 1 { output.append(UInt8(truncatingIfNeeded: quantum)) }
    }
}
