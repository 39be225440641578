/// Appending text with its whitespace runs (space, tab, CR, LF) made one space, the way short labels and the
/// narrative's squeezed pieces are read: a run before the first byte written is dropped, a run at the end is left
/// pending for the next piece.
enum WhitespaceSqueezing {
    /// Appends `content` to `bytes`, squeezed. `pendingSpace` carries a whitespace run across pieces: a space is
    /// written only when a non-whitespace byte follows it and something is already written.
    ///
    /// Run by run: a whitespace run sets the pending space, a run of other bytes is copied whole.
    static func append(_ content: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], pendingSpace: inout Bool) {
        guard let base = content.baseAddress else { return }
        var index = 0
        while index < content.count {
            if isWhitespace(base[index]) {
                pendingSpace = !bytes.isEmpty
                index += 1
                continue
            }
            if pendingSpace { bytes.append(0x20) }
            pendingSpace = false
            let start = index
            while index < content.count && !isWhitespace(base[index]) { index += 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        }
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
