/// A small JSON writer into a reused byte buffer, escaping only what JSON needs.
///
/// In bulk runs the writer, not the engine, is often what dominates (../shared/DESIGN.md step 10), so it writes
/// bytes straight from UTF-8 views with no intermediate `String` or `Data`, and keeps its buffer between records.
/// What a full record is made of decides the design: about a hundred keys, short strings, small integers and
/// brackets, so the cost per call matters more than the cost per byte:
/// - keys are `StaticString`s, copied as they are: a key is a literal of the writer's caller, never input, so it
///   needs no escaping (the literals used hold no quote, backslash or control);
/// - a member, `"key":value`, is one reserved write (``ReservedBytes``): one capacity check, not one per piece;
/// - every piece goes first to a small buffer inside the writer (``StagingBuffer``), which reaches `bytes` 128
///   bytes at a time, so a comma or a member costs a copy and a length check, not an array append;
/// - integers are written digit by digit, with no `String` in between;
/// - which open container already has a member (so the next needs a comma) is one bit per depth in a word, not
///   an array: no allocation and no uniqueness check per value.
///
/// A compact top-level full record (every line of a bulk run) skips all of this: ``CompactExtractionWriter``
/// writes it in a few large steps, and bulk summary lines come from ``CompactSummaryWriter``, with the same bytes.
/// This writer serves pretty output, values inside containers and every other shape.
///
/// `bytes` holds every byte of each complete top-level value: the staged bytes are flushed whenever a top-level
/// value is complete. While a container is open, its last pieces may still be staged.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []
    /// Bit `d` is set when the container open at depth `d` has a member, so the next member needs a comma.
    private var containersWithMembers: UInt64 = 0
    /// Open objects and arrays; at most ``maximumDepth``.
    private var depth = 0
    private let indentStep: Int
    /// A key was just written: the value that follows needs no comma and no line break.
    private var isKeyPending = false
    /// Bytes written but not yet appended to `bytes`.
    private var staging = StagingBuffer()

    /// Deepest nesting the writer supports: one bit of ``containersWithMembers`` per level. The shapes written
    /// here nest 7 deep at most, so reaching the limit is a programmer error.
    public static let maximumDepth = 63

    /// - Parameter pretty: two-space indented output for one document; compact for JSON Lines.
    public init(pretty: Bool = false) {
        indentStep = pretty ? 2 : 0
        bytes.reserveCapacity(4096)
    }

    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        containersWithMembers = 0
        depth = 0
        isKeyPending = false
        staging = StagingBuffer()
    }

    /// Writes what `body` writes, at most `maximumCount` bytes, after everything written before.
    ///
    /// Goes to the staging buffer, flushed first when it has no room; a piece larger than the whole buffer (a long
    /// string) goes straight to `bytes` after the flush.
    @inline(__always)
    private mutating func stage(upTo maximumCount: Int, _ body: (inout ReservedBytes) -> Void) {
        if maximumCount > staging.freeCapacity {
            staging.flush(into: &bytes)
            if maximumCount > StagingBuffer.capacity {
                bytes.appendReserved(upTo: maximumCount, body)
                return
            }
        }
        staging.write(upTo: maximumCount, body)
    }

    /// Writes one structural byte (comma, bracket, pretty line break).
    @inline(__always)
    private mutating func hold(_ byte: UInt8) {
        if staging.freeCapacity == 0 { staging.flush(into: &bytes) }
        staging.write(byte)
    }

    /// Holds what goes before a value (a comma after an earlier member of its container and, in pretty output,
    /// a line break and the container's indentation; nothing right after a key or at the top level), and marks
    /// the container as having a member.
    @inline(__always)
    private mutating func holdSeparator() {
        if isKeyPending {
            isKeyPending = false
            return
        }
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth)
        if containersWithMembers & bit != 0 {
            hold(UInt8(ascii: ","))
        } else {
            containersWithMembers |= bit
        }
        if indentStep > 0 { holdLineBreak() }
    }

    /// Pretty output only: a line break and the current depth's indentation.
    private mutating func holdLineBreak() {
        hold(0x0A)
        for _ in 0..<(depth * indentStep) { hold(0x20) }
    }

    /// Writes the separator the next value needs, then `"name":` when a name is given, then what `value` writes
    /// (at most `valueCount` bytes).
    @inline(__always)
    private mutating func write(name: StaticString? = nil, valueCount: Int, _ value: (inout ReservedBytes) -> Void) {
        holdSeparator()
        let pretty = indentStep > 0
        let nameCount = name.map { $0.utf8CodeUnitCount + 4 } ?? 0
        stage(upTo: nameCount + valueCount) { out in
            if let name {
                out.write(UInt8(ascii: "\""))
                name.withUTF8Buffer { name in
                    assert(!name.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }, "a JSON key literal needs escaping")
                    out.write(name)
                }
                out.write(UInt8(ascii: "\""))
                out.write(UInt8(ascii: ":"))
                if pretty { out.write(UInt8(ascii: " ")) }
            }
            value(&out)
        }
        if depth == 0 { staging.flush(into: &bytes) }
    }

    private mutating func open(_ bracket: UInt8) {
        holdSeparator()
        hold(bracket)
        precondition(depth < Self.maximumDepth, "JSON nested deeper than JSONWriter.maximumDepth")
        depth += 1
        containersWithMembers &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = containersWithMembers & (1 << UInt64(depth)) != 0
        depth -= 1
        // The closing bracket goes on its own line, at its container's indentation, after any member.
        if hadMembers && indentStep > 0 { holdLineBreak() }
        hold(bracket)
        if depth == 0 { staging.flush(into: &bytes) }
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Writes `"name":`; the next call writes its value.
    ///
    /// - Parameter name: a literal key; it is copied without escaping, so it must hold no `"`, `\` or control
    ///   character (checked in debug builds).
    /// - Complexity: O(key length), one reserved write.
    public mutating func key(_ name: StaticString) {
        write(name: name, valueCount: 0) { _ in }
        isKeyPending = true
    }

    // MARK: - Values

    /// Writes a string value, escaped.
    /// - Complexity: O(UTF-8 length); a string with nothing to escape is one scan and one reserved write.
    public mutating func string(_ value: String) {
        write(name: nil, string: value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        write(name: nil, literal: value ? "true" : "false")
    }

    public mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    /// Writes an integer in decimal.
    /// - Complexity: O(digits), no allocation.
    public mutating func int(_ value: Int) {
        write(name: nil, int: value)
    }

    /// Writes a whole number as an integer (`12`, not `12.0`) and anything else as Swift prints it (`12.5`).
    public mutating func double(_ value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            int(Int(value))
        } else {
            var text = String(value)
            text.withUTF8 { text in write(valueCount: text.count) { $0.write(text) } }
        }
    }

    public mutating func null() {
        write(name: nil, literal: "null")
    }

    // MARK: - Members

    /// Writes the member `"name":value` of the open object in one go, `null` for `nil`; the same bytes as
    /// ``key(_:)`` then ``string(_:)-(String?)``, with one capacity check instead of two.
    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return write(name: name, literal: "null") }
        write(name: name, string: value)
    }

    /// Writes the member `"name":value` of the open object.
    public mutating func member(_ name: StaticString, _ value: Int) {
        write(name: name, int: value)
    }

    /// Writes the member `"name":true|false` of the open object, `null` for `nil`.
    public mutating func member(_ name: StaticString, _ value: Bool?) {
        switch value {
        case true: write(name: name, literal: "true")
        case false: write(name: name, literal: "false")
        case nil: write(name: name, literal: "null")
        }
    }

    /// Appends a compact top-level value written by `body` straight onto `bytes`, after anything staged; `false`
    /// (and nothing written) when the writer is pretty or inside a container, where the general path is needed.
    mutating func appendCompactTopLevel(_ body: (inout [UInt8]) -> Void) -> Bool {
        guard indentStep == 0, depth == 0 else { return false }
        staging.flush(into: &bytes)
        body(&bytes)
        return true
    }

    public mutating func newlineAfterRecord() {
        staging.flush(into: &bytes)
        bytes.append(0x0A)
    }

    // MARK: - Writing

    /// Writes a string value (after `"name":` when a name is given).
    private mutating func write(name: StaticString?, string value: String) {
        var value = value
        value.withUTF8 { write(name: name, string: $0) }
    }

    /// Writes a string value (after `"name":` when a name is given) whose UTF-8 bytes are `utf8`.
    private mutating func write(name: StaticString?, string utf8: UnsafeBufferPointer<UInt8>) {
        if !JSONSpecialBytes.containsSpecial(utf8) {
            write(name: name, valueCount: utf8.count + 2) { out in
                out.write(UInt8(ascii: "\""))
                out.write(utf8)
                out.write(UInt8(ascii: "\""))
            }
        } else {
            write(name: name, valueCount: 1) { $0.write(UInt8(ascii: "\"")) }
            staging.flush(into: &bytes)
            let special = JSONStringEscaper.firstSpecialIndex(in: utf8)
            JSONStringEscaper.appendEscaped(utf8, firstSpecial: special, to: &bytes)
        }
    }

    private mutating func write(name: StaticString?, literal: StaticString) {
        literal.withUTF8Buffer { literal in write(name: name, valueCount: literal.count) { $0.write(literal) } }
    }

    private mutating func write(name: StaticString?, int value: Int) {
        let magnitude = value.magnitude
        guard magnitude < 100_000_000 else { return write(name: name, longInt: value) }
        let (digits, digitCount) = DecimalDigits.packed(magnitude)
        write(name: name, valueCount: 9) { out in
            if value < 0 { out.write(UInt8(ascii: "-")) }
            out.write(word: digits, count: digitCount)
        }
    }


    /// Integers of 9 digits or more, which no report offset reaches.
    private mutating func write(name: StaticString?, longInt value: Int) {
        // Digits come out right to left, so they go to a stack buffer first. UInt.max has 20 digits.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            } while remaining > 0
            let decimal = UnsafeBufferPointer(rebasing: digits[start...])
            write(name: name, valueCount: decimal.count + 1) { out in
                if value < 0 { out.write(UInt8(ascii: "-")) }
                out.write(decimal)
            }
        }
    }
}
