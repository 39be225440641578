private import CLibXML2
import SchmorlModel

/// Turns an attachment (FHIR `presentedForm`, CDA `nonXMLBody`) into report text: base64 decoding, then the
/// charset its content type names.
///
/// Only `text/plain` attachments are report text the engine can read; a PDF or an image is skipped by the
/// caller. The charset defaults to UTF-8 (FHIR: "the default is UTF-8"); UTF-8, US-ASCII, ISO-8859-1 and
/// UTF-16 are decoded here, any other name goes to libxml2's converters (iconv), so Windows-1252 and the ISO-8859
/// family work too.
enum AttachmentText {
    /// Whether a MIME type (parameters ignored) is plain text.
    static func isPlainText(_ contentType: String) -> Bool {
        mediaType(of: contentType) == "text/plain"
    }

    static func mediaType(of contentType: String) -> String {
        let head = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? contentType
        return head.trimmed.lowercased()
    }

    /// The `charset` parameter of a content type, lower case, quotes removed.
    static func charset(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, String(parts[0]).trimmed.lowercased() == "charset" else { continue }
            var value = String(parts[1]).trimmed
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.lowercased()
        }
        return nil
    }

    /// Decodes base64 `data` and then its charset.
    ///
    /// - Throws: `.invalidBase64` naming the offending character, `.invalidUTF8` for undeclared non-UTF-8 bytes,
    ///   `.unsupportedFormat` for a charset no converter knows, `.inputTooLarge` past
    ///   ``XMLLimits/maximumAttachmentBytes``.
    static func decode(
        base64 data: String, contentType: String, limits: XMLLimits, record: String, position: SourcePosition?,
        what: String
    ) throws(SchmorlError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try Base64Decoder.decode(data, maximumBytes: limits.maximumAttachmentBytes)
        } catch {
            let place = error.index.map { " at character \($0 + 1) of the value" } ?? ""
            let code: SchmorlError.Code = error.reason.contains("XMLLimits") ? .inputTooLarge : .invalidBase64
            throw SchmorlError(
                code, "\(what) data is not valid base64: \(error.reason)\(place); re-encode the attachment",
                record: record, position: position)
        }
        return try text(from: bytes, charset: charset(of: contentType), record: record, position: position, what: what)
    }

    /// Bytes in `charset` (nil: UTF-8) to a String.
    static func text(
        from bytes: [UInt8], charset: String?, record: String, position: SourcePosition?, what: String
    ) throws(SchmorlError) -> String {
        let name = charset ?? "utf-8"
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii":
            var body = bytes[...]
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
            guard let text = String(validating: body, as: UTF8.self) else {
                throw SchmorlError(
                    .invalidUTF8,
                    "\(what) is not valid \(name.uppercased()); declare its real charset in the content type "
                        + "(e.g. text/plain; charset=ISO-8859-1)",
                    record: record, position: position)
            }
            return text
        case "iso-8859-1", "latin1", "latin-1", "l1", "iso_8859-1":
            var scalars = String.UnicodeScalarView()
            for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        case "utf-16", "utf-16le", "utf-16be", "utf16":
            var bigEndian = name == "utf-16be"
            var body = bytes[...]
            if body.starts(with: [0xFE, 0xFF]) {
                bigEndian = true
                body = body.dropFirst(2)
            } else if body.starts(with: [0xFF, 0xFE]) {
                bigEndian = false
                body = body.dropFirst(2)
            }
            var units: [UInt16] = []
            units.reserveCapacity(body.count / 2)
            var index = body.startIndex
            while index + 1 < body.endIndex {
                let first = UInt16(body[index])
                let second = UInt16(body[index + 1])
                units.append(bigEndian ? first << 8 | second : second << 8 | first)
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        default:
            return try convertWithLibXML2(bytes, charset: name, record: record, position: position, what: what)
        }
    }

    private static func convertWithLibXML2(
        _ bytes: [UInt8], charset: String, record: String, position: SourcePosition?, what: String
    ) throws(SchmorlError) -> String {
        var messages: [String] = []
        let converted: [UInt8]? = LibXML2Runtime.collectingErrors(
            { () -> [UInt8]? in
                guard let handler = xmlFindCharEncodingHandler(charset) else { return nil }
                defer { _ = xmlCharEncCloseFunc(handler) }
                guard let input = xmlBufferCreate(), let output = xmlBufferCreate() else { return nil }
                defer {
                    xmlBufferFree(input)
                    xmlBufferFree(output)
                }
                let added = bytes.withUnsafeBufferPointer { buffer in
                    xmlBufferAdd(input, buffer.baseAddress, Int32(buffer.count))
                }
                guard added == 0, xmlCharEncInFunc(handler, output, input) >= 0 else { return nil }
                guard let content = output.pointee.content else { return [] }
                return Array(UnsafeBufferPointer(start: content, count: Int(output.pointee.use)))
            }, collect: { messages.append($0) })
        guard let converted else {
            let detail = messages.first.map { ": \($0)" } ?? ""
            throw SchmorlError(
                .unsupportedFormat,
                "\(what) declares charset \(charset), which could not be converted\(detail); use UTF-8",
                record: record, position: position)
        }
        return String(decoding: converted, as: UTF8.self)
    }
}
