/// Appending text with its whitespace runs (space, tab, CR, LF) made one space, the way short labels and the
/// narrative's squeezed pieces are read: a run before the first byte written is dropped, a run at the end is left
/// pending for the next piece.
enum WhitespaceSqueezing {
    /// Appends `content` to `bytes`, squeezed. `pendingSpace` carries a whitespace run across pieces: a space is
    /// written only when a non-whitespace byte follows it and something is already written.
    ///
    /// Run by run: a whitespace run sets the pending space, a run of other bytes is copied whole. A single space
    /// between two such bytes stays in the run: byte by byte it would come out as itself (something is written
    /// before it, so it becomes one pending space, written before the byte after it), so copying it with the
    /// words around it gives the same bytes. The run is found eight bytes a step (``stopBits(_:)``).
    static func append(_ content: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], pendingSpace: inout Bool) {
        guard let base = content.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let count = content.count
        var index = 0
        while index < count {
            if isWhitespace(base[index]) {
                pendingSpace = !bytes.isEmpty
                index += 1
                continue
            }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            let start = index
            index += 1
            while index < count {
                if index &+ 8 <= count {
                    var stops = stopBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                    while stops == 0, index &+ 16 <= count {
                        index &+= 8
                        stops = stopBits(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
                    }
                    if stops == 0 {
                        index &+= 8
                        continue
                    }
                    index &+= stops.trailingZeroBitCount &>> 3
                }
                let next = base[index]
                if !isWhitespace(next) {
                    index += 1
                } else if next == 0x20, index + 1 < count, !isWhitespace(base[index + 1]) {
                    index += 2
                } else {
                    break
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        }
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// The high bit of each of these eight bytes (low byte first) that the run loop of
    /// ``append(_:to:pendingSpace:)`` might not pass as part of its run: any byte up to the space, except a space
    /// followed, within the word, by a byte above the space. Stricter than the loop (a control byte, or a space in
    /// the last byte, is marked), never looser, so the loop skips the bytes below the lowest mark.
    /// Each test is exact per byte: the sums stay within their byte.
    @inline(__always)
    private static func stopBits(_ word: UInt64) -> UInt64 {
        let plain = ByteLanes.aboveSpace(word)
        let isSpace = ByteLanes.equal(word, to: 0x20)
        return ~(plain | (isSpace & (plain &>> 8))) & ByteLanes.high
    }
}
