/// A small JSON writer into a reused byte buffer, escaping only what JSON needs.
///
/// In bulk runs the writer, not the engine, is often what dominates (../shared/DESIGN.md step 10), so it writes
/// bytes straight from UTF-8 views with no intermediate `String` or `Data`, and keeps its buffer between records.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = []
    private let indentStep: Int
    private var depth = 0

    /// - Parameter pretty: two-space indented output for one document; compact for JSON Lines.
    public init(pretty: Bool = false) {
        indentStep = pretty ? 2 : 0
        bytes.reserveCapacity(4096)
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma.removeAll(keepingCapacity: true)
        depth = 0
    }

    private mutating func newline() {
        guard indentStep > 0 else { return }
        bytes.append(0x0A)
        for _ in 0..<(depth * indentStep) { bytes.append(0x20) }
    }

    /// Writes the comma and line break a value needs; a value right after its key needs neither.
    private mutating func beforeValue() {
        if isKeyPending {
            isKeyPending = false
            return
        }
        if let last = needsComma.last {
            if last { bytes.append(0x2C) }
            needsComma[needsComma.count - 1] = true
            newline()
        }
    }

    private var isKeyPending = false

    public mutating func beginObject() {
        beforeValue()
        bytes.append(0x7B)
        needsComma.append(false)
        depth += 1
    }

    public mutating func endObject() {
        let hadMembers = needsComma.removeLast()
        depth -= 1
        if hadMembers { newline() }
        bytes.append(0x7D)
    }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(0x5B)
        needsComma.append(false)
        depth += 1
    }

    public mutating func endArray() {
        let hadMembers = needsComma.removeLast()
        depth -= 1
        if hadMembers { newline() }
        bytes.append(0x5D)
    }

    public mutating func key(_ name: String) {
        beforeValue()
        writeString(name)
        bytes.append(0x3A)
        if indentStep > 0 { bytes.append(0x20) }
        isKeyPending = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        writeString(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    public mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        beforeValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func double(_ value: Double) {
        beforeValue()
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: Self.nullBytes)
    }

    public mutating func newlineAfterRecord() { bytes.append(0x0A) }

    private static let trueBytes: [UInt8] = Array("true".utf8)
    private static let falseBytes: [UInt8] = Array("false".utf8)
    private static let nullBytes: [UInt8] = Array("null".utf8)
    /// One escaper for every JSON string the project writes (records and error records alike).
    private mutating func writeString(_ value: String) {
        JSONStringEscaper.append(value, to: &bytes)
    }
}
