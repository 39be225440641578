import SchmorlModel
import SchmorlXML
import Testing

/// Encodings as declared (issue 3): libxml2 converts UTF-16 (with BOM) and ISO-8859-1 to UTF-8; a document
/// whose bytes contradict its declaration is a clear error with a line and column.
@Suite("Encodings")
struct EncodingTests {
    static let report = """
        <report>
          <findings>Schmorl's node at the supérieur endplate of L2 – café.</findings>
        </report>
        """

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test(
        "UTF-8, UTF-8 with BOM, UTF-16 LE and BE with BOM read the same",
        arguments: ["utf-8", "utf-8-bom", "utf-16le", "utf-16be"])
    func unicode(_ encoding: String) throws {
        let declaration = encoding.hasPrefix("utf-16") ? "UTF-16" : "UTF-8"
        let text = "<?xml version=\"1.0\" encoding=\"\(declaration)\"?>\n" + Self.report
        let bytes: [UInt8]
        switch encoding {
        case "utf-8": bytes = Array(text.utf8)
        case "utf-8-bom": bytes = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case "utf-16le": bytes = Self.utf16(text, bigEndian: false)
        default: bytes = Self.utf16(text, bigEndian: true)
        }
        #expect(XMLReportReader.looksLikeXMLOrJSON(bytes))
        #expect(XMLReportReader.detectFormat(bytes) == .genericXML)
        let document = try #require(try XMLReportReader().read(bytes: bytes, id: encoding, format: nil).first)
        #expect(document.text == "FINDINGS:\nSchmorl's node at the supérieur endplate of L2 – café.\n")
        // Lines and columns refer to the source's characters whatever its encoding.
        let position = try #require(document.sourceMap?.position(of: 10))
        #expect(position == SourcePosition(line: 3, column: 13))
    }

    @Test("ISO-8859-1 as declared")
    func latin1() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<report><findings>Schmorl'sche Kn".utf8)
        bytes += [0xF6, 0x74, 0x63, 0x68, 0x65, 0x6E]  // "ötchen" in Latin-1
        bytes += Array(" an L2, kein \u{D6}dem.</findings></report>".unicodeScalars.map { UInt8($0.value) })
        let document = try #require(try XMLReportReader().read(bytes: bytes, id: "latin1", format: nil).first)
        #expect(document.text == "FINDINGS:\nSchmorl'sche Knötchen an L2, kein Ödem.\n")
    }

    @Test("bytes that contradict the declared encoding give an error with line and column")
    func misdeclared() throws {
        let result = TestFiles.read(TestFiles.fixture("hostile", "misdeclared-encoding.xml"), id: "misdeclared.xml")
        guard case .failure(let error) = result else {
            Issue.record("read")
            return
        }
        #expect(error.code == .malformedXML)
        #expect(error.position?.line == 4)
        #expect(error.message.contains("encoding"))
    }

    @Test("CDATA and character references are text")
    func cdataAndReferences() throws {
        let source = "<report><findings><![CDATA[Schmorl's node <L2>]]> &amp; &#x2013; &lt;ok&gt;</findings></report>"
        let document = try #require(try XMLReportReader().read(bytes: Array(source.utf8), id: "c", format: nil).first)
        #expect(document.text == "FINDINGS:\nSchmorl's node <L2> & – <ok>\n")
    }

    /// A findings text long enough (about 14 KB) that libxml2 converts it in many chunks: a document that is
    /// converted (UTF-16, ISO-8859-1) must still be read to its end, and a UTF-8 one read as it is
    /// (``SafeXMLParser`` stops libxml2's read callback only for the latter).
    static let longSentence = "Schmorl's node at the superior endplate of L2, no oedema; kein \u{D6}dem. "
    static let longRepeats = 200
    /// Generic XML keeps the source's line breaks: one line per sentence, its trailing space dropped.
    static let longExpected = "FINDINGS:\n"
        + String(repeating: "Schmorl's node at the superior endplate of L2, no oedema; kein \u{D6}dem.\n", count: 200)

    static func longDocument(declaration: String) -> String {
        declaration + "<report>\n<findings>" + String(repeating: longSentence + "\n", count: longRepeats)
            + "</findings>\n</report>\n"
    }

    @Test(
        "a long document reads to its end in every encoding",
        arguments: [
            "utf-8", "utf-8-undeclared", "utf-8-no-declaration", "utf-8-bom", "utf-16le", "utf-16be", "iso-8859-1",
        ])
    func longDocument(_ encoding: String) throws {
        let bytes: [UInt8]
        switch encoding {
        case "utf-8":
            bytes = Array(Self.longDocument(declaration: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").utf8)
        case "utf-8-undeclared":
            bytes = Array(Self.longDocument(declaration: "<?xml version='1.0' standalone='yes'?>\n").utf8)
        case "utf-8-no-declaration":
            bytes = Array(Self.longDocument(declaration: "").utf8)
        case "utf-8-bom":
            bytes = [0xEF, 0xBB, 0xBF] + Array(Self.longDocument(declaration: "<?xml version=\"1.0\"?>\n").utf8)
        case "utf-16le", "utf-16be":
            let text = Self.longDocument(declaration: "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n")
            bytes = Self.utf16(text, bigEndian: encoding == "utf-16be")
        default:
            let text = Self.longDocument(declaration: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n")
            bytes = text.unicodeScalars.map { UInt8($0.value) }
        }
        let document = try #require(try XMLReportReader().read(bytes: bytes, id: encoding, format: nil).first)
        #expect(document.text == Self.longExpected)
    }
}
