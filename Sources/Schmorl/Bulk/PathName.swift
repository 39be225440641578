#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Path arithmetic on strings, just what the sources need (no Foundation `URL` per file).
enum PathName {
    /// The directory part of `path` ("." for a bare name).
    static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    static func lastComponent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.utf8.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return String(trimmed) }
        return String(trimmed[trimmed.utf8.index(after: slash)...])
    }

    /// The file name without its last extension: the id of a report read from a file (issue 2, `--output`).
    static func stem(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The last extension, lower-cased, without the dot ("" when there is none).
    static func fileExtension(of path: String) -> String {
        let name = lastComponent(of: path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return "" }
        return String(name[name.utf8.index(after: dot)...]).lowercased()
    }

    /// `path` if absolute or when there is no base, else `base/path`.
    static func resolve(_ path: String, against base: String?) -> String {
        guard let base, !path.hasPrefix("/"), base != "." else { return path }
        return join(base, path)
    }

    /// Byte order of two names, the order directories are walked in: stable across locales and file systems, and
    /// one `memcmp` over the names' bytes as the directory listing holds them (no `String` per name).
    static func precedesInByteOrder(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(left.count, right.count)
        let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
        return order != 0 ? order < 0 : left.count < right.count
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `directory/name` for a name held as (UTF-8) bytes: one string made at its final size.
    static func join(_ directory: String, _ name: UnsafeBufferPointer<UInt8>) -> String {
        let slash = directory.hasSuffix("/") ? 0 : 1
        var directory = directory
        return directory.withUTF8 { directory in
            String(unsafeUninitializedCapacity: directory.count + slash + name.count) { buffer in
                var index = buffer.initialize(fromContentsOf: directory)
                if slash == 1 {
                    buffer[index] = UInt8(ascii: "/")
                    index += 1
                }
                index = buffer[index...].initialize(fromContentsOf: name)
                return index
            }
        }
    }
}
