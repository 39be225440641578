public import SchmorlModel

/// Finds a target phrase in a text, ASCII case-insensitively, as a UTF-8 byte span (first occurrence).
public enum TargetFinder {
    public static func find(_ target: String, in text: String) -> TextSpan? {
        let haystack = Array(text.utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        outer: for start in 0...(haystack.count - needle.count) {
            for offset in 0..<needle.count where lower(haystack[start + offset]) != lower(needle[offset]) {
                continue outer
            }
            return TextSpan(start: start, end: start + needle.count)
        }
        return nil
    }
}
