import Foundation
import Schmorl
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    private func text(_ writer: JSONWriter) -> String { String(decoding: writer.bytes, as: UTF8.self) }

    @Test("integers are written digit by digit, the extremes included", arguments: [
        0, 7, 9, 10, 99, 100, 12_345, -1, -10, -987_654_321, Int.max, Int.min,
    ])
    func integers(value: Int) {
        var writer = JSONWriter()
        writer.int(value)
        #expect(text(writer) == String(value))
    }

    @Test("whole doubles are written as integers, others as Swift prints them", arguments: [
        (12.0, "12"), (-0.0, "0"), (12.5, "12.5"), (0.25, "0.25"), (1e15, "1000000000000000.0"), (-3.0, "-3"),
    ])
    func doubles(value: Double, expected: String) {
        var writer = JSONWriter()
        writer.double(value)
        #expect(text(writer) == expected)
    }

    @Test("a member writes the same bytes as its key then its value")
    func memberEqualsKeyThenValue() {
        for pretty in [false, true] {
            var members = JSONWriter(pretty: pretty)
            members.beginObject()
            members.member("s", "a\"b\n")
            members.member("plain", "text")
            members.member("none", nil as String?)
            members.member("n", -42)
            members.member("t", true)
            members.member("f", false as Bool?)
            members.member("u", nil as Bool?)
            members.endObject()

            var keys = JSONWriter(pretty: pretty)
            keys.beginObject()
            keys.key("s"); keys.string("a\"b\n")
            keys.key("plain"); keys.string("text")
            keys.key("none"); keys.string(nil as String?)
            keys.key("n"); keys.int(-42)
            keys.key("t"); keys.bool(true)
            keys.key("f"); keys.bool(false as Bool?)
            keys.key("u"); keys.bool(nil as Bool?)
            keys.endObject()

            #expect(members.bytes == keys.bytes)
        }
    }

    @Test("compact output has commas only between members; pretty output indents two spaces a level")
    func layout() {
        func write(_ writer: inout JSONWriter) {
            writer.beginObject()
            writer.member("a", 1)
            writer.key("b"); writer.beginArray()
            writer.int(2)
            writer.beginObject(); writer.endObject()
            writer.beginArray(); writer.endArray()
            writer.endArray()
            writer.key("c"); writer.beginObject(); writer.member("d", nil as String?); writer.endObject()
            writer.endObject()
        }
        var compact = JSONWriter()
        write(&compact)
        #expect(text(compact) == #"{"a":1,"b":[2,{},[]],"c":{"d":null}}"#)
        var pretty = JSONWriter(pretty: true)
        write(&pretty)
        #expect(
            text(pretty) == """
                {
                  "a": 1,
                  "b": [
                    2,
                    {},
                    []
                  ],
                  "c": {
                    "d": null
                  }
                }
                """)
    }

    // Brackets and commas are held in an 8-byte word until the next write; longer runs must spill in order.
    @Test("runs of brackets longer than the held word come out in order, compact and pretty", arguments: [1, 7, 8, 9, 20])
    func deepNesting(levels: Int) throws {
        for pretty in [false, true] {
            var writer = JSONWriter(pretty: pretty)
            for _ in 0..<levels { writer.beginArray() }
            writer.int(1)
            for _ in 0..<levels { writer.endArray() }
            var nested: Any = 1
            for _ in 0..<levels { nested = [nested] }
            let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes))
            #expect((decoded as? NSArray)?.isEqual(nested as? NSArray) == true)
            if !pretty {
                #expect(text(writer) == String(repeating: "[", count: levels) + "1" + String(repeating: "]", count: levels))
            }
        }
    }

    // Pieces are staged in a 128-byte buffer: pieces that straddle a flush, and strings longer than the buffer
    // (clean or with escapes), must come out whole and in order.
    @Test("members of every size, across staging flushes, read back as written")
    func stagingFlushes() throws {
        var writer = JSONWriter()
        var expected: [String: String] = [:]
        let keys: [StaticString] = ["a", "bb", "ccc", "dddd"]
        writer.beginObject()
        for index in 0..<200 {
            let length = (index * 37) % 300
            var value = String(repeating: "x", count: length)
            if index % 3 == 0 { value += "\n\"é" }
            let name = "\(keys[index % 4])\(index)"
            writer.key(keys[index % 4]); writer.beginObject(); writer.member("v", value); writer.member("i", index)
            writer.endObject()
            expected[name] = value
        }
        writer.endObject()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        #expect(object.count == 4)  // repeated keys: the last of each wins in Foundation's reading
        let lastD = try #require(object["dddd"] as? [String: Any])
        #expect(lastD["v"] as? String == expected["dddd199"])
        #expect(lastD["i"] as? Int == 199)
        // Every value, in order, is in the bytes.
        var escaped: [UInt8] = []
        for index in 0..<200 {
            let name = "\(keys[index % 4])\(index)"
            escaped.removeAll()
            JSONStringEscaper.append(expected[name]!, to: &escaped)
            let piece = String(decoding: escaped, as: UTF8.self)
            #expect(text(writer).contains("{\"v\":\(piece),\"i\":\(index)}"))
        }
    }

    @Test("bytes holds the whole document once the last container closes")
    func complete() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a"); writer.beginArray(); writer.beginObject(); writer.endObject(); writer.endArray()
        writer.endObject()
        #expect(text(writer) == #"{"a":[{}]}"#)
    }

    @Test("reset forgets the open containers as well as the bytes")
    func reset() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("a", 1)
        writer.reset()
        writer.beginArray()
        writer.int(1)
        writer.int(2)
        writer.endArray()
        #expect(text(writer) == "[1,2]")
    }

    @Test("strings are escaped as the escaper does, wherever the special byte falls")
    func strings() throws {
        for sample in ["", "x", "12345678", "1234567\"", "\"1234567", "a\\b", "tab\there", "é — 😀 \u{1F}"] {
            var writer = JSONWriter()
            writer.string(sample)
            var escaped: [UInt8] = []
            JSONStringEscaper.append(sample, to: &escaped)
            #expect(writer.bytes == escaped)
            let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: .fragmentsAllowed)
            #expect(decoded as? String == sample)
        }
    }
}
