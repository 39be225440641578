public import SchmorlModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Records from files and directories: each report file becomes one record that names its path, and each
/// JSON Lines file (`.jsonl`, `.ndjson`) is read as a ``JSONLinesSource`` in its place.
///
/// A file record carries its path, not its bytes: the worker reads it, so reading runs in parallel and this
/// source holds no file. Directories are walked depth first, recursively, each one's entries in byte order of
/// their names, so two runs over the same tree give the same order. Inside directories, only files with one of
/// ``Options/extensions`` are taken and hidden entries (a leading dot) and symbolic links to directories are
/// skipped (no cycles); a file named explicitly is always taken, whatever its extension.
///
/// A path that does not exist, or a directory that cannot be listed, gives a failure record (id: its name
/// without extension) and the walk goes on. The id of a file record is its name without extension (issue 2).
public struct FileRecordSource: RecordSource {
    public struct Options: Sendable, Hashable {
        /// Extensions of report files taken from directories, lower case, no dot.
        public var extensions: Set<String>
        /// Extensions of JSON Lines files, read record by record wherever they are found.
        public var jsonLinesExtensions: Set<String>
        public var maximumLineLength: Int
        /// Walk the tree once before the run to count the files, so the progress bar can give an ETA. The count
        /// is dropped (no ETA) when a JSON Lines file is in the tree, since its records are not counted.
        public var countsRecords: Bool

        public init(
            extensions: Set<String> = ["txt", "xml", "json"], jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"],
            maximumLineLength: Int = LineReader.defaultMaximumLineLength, countsRecords: Bool = false
        ) {
            self.extensions = extensions
            self.jsonLinesExtensions = jsonLinesExtensions
            self.maximumLineLength = maximumLineLength
            self.countsRecords = countsRecords
        }
    }

    private var walker: FileWalker
    private var nested: JSONLinesSource?
    private let options: Options
    private let totalRecords: Int?

    public init(paths: [String], options: Options = Options()) {
        self.options = options
        self.walker = FileWalker(paths: paths, options: options)
        self.totalRecords = options.countsRecords ? FileWalker(paths: paths, options: options).countFiles() : nil
    }

    public var progress: SourceProgress { SourceProgress(totalRecords: totalRecords) }

    public mutating func next() throws(SchmorlError) -> InputRecord? {
        while true {
            if nested != nil {
                // A JSON Lines file that fails mid-way ends with an error record of its own; the walk goes on.
                do {
                    if let record = try nested?.next() { return record }
                    nested = nil
                } catch {
                    nested = nil
                    return .failure(id: error.record.map(PathName.stem(of:)) ?? "input", error)
                }
            }
            guard let entry = walker.next() else { return nil }
            switch entry {
            case .report(let path, let id):
                return InputRecord(id: id, payload: .file(path: path))
            case .jsonLines(let path):
                do {
                    nested = try JSONLinesSource(path: path, maximumLineLength: options.maximumLineLength)
                } catch {
                    return .failure(id: PathName.stem(of: path), error)
                }
            case .failure(let path, let error):
                return .failure(id: PathName.stem(of: path), error)
            }
        }
    }
}

/// Depth-first walk over paths and directories, one directory listing held per level.
struct FileWalker {
    enum Entry {
        /// A report file: its path and its record id (the name without extension).
        case report(String, id: String)
        case jsonLines(String)
        case failure(String, SchmorlError)
    }

    private struct Frame {
        var directory: String
        /// Every entry's name, one after another (UTF-8, as a `String` would hold it), so a listing of thousands of
        /// files is one array, not a `String` each.
        var names: [UInt8]
        /// The entries in byte order of their names, each with the kind its directory entry gave, if any.
        var entries: [Listed]
        var index = 0
    }

    /// One directory entry: its name's place in ``Frame/names``, and its kind when `d_type` gave it.
    private struct Listed {
        var start: Int
        var count: Int
        var kind: Kind?
        /// The name's first 8 bytes as a big-endian number (zero-padded: names hold no zero byte), so most
        /// comparisons of the sort are one integer comparison; equal prefixes compare the whole names.
        var prefix: UInt64
    }

    private let paths: [String]
    private var pathIndex = 0
    private var frames: [Frame] = []
    private let options: FileRecordSource.Options

    init(paths: [String], options: FileRecordSource.Options) {
        self.paths = paths
        self.options = options
    }

    /// The number of report files, or `nil` when JSON Lines files make it unknown.
    func countFiles() -> Int? {
        var walker = self
        var count = 0
        while let entry = walker.next() {
            switch entry {
            case .report, .failure: count += 1
            case .jsonLines: return nil
            }
        }
        return count
    }

    mutating func next() -> Entry? {
        while true {
            if let last = frames.indices.last {
                let frame = frames[last]
                guard frame.index < frame.entries.count else {
                    frames.removeLast()
                    continue
                }
                frames[last].index += 1
                let listed = frame.entries[frame.index]
                let entry: Entry? = frame.names.withUnsafeBufferPointer { names in
                    let name = UnsafeBufferPointer(rebasing: names[listed.start..<listed.start + listed.count])
                    if name.first == UInt8(ascii: ".") { return nil }
                    let path = PathName.join(frame.directory, name)
                    switch listed.kind ?? Self.kind(of: path, followingLinks: false) {
                    case .directory:
                        return enter(path)
                    case .symbolicLink:
                        // A link to a file is taken; a link to a directory is not followed (no cycles).
                        guard Self.kind(of: path, followingLinks: true) == .regular else { return nil }
                        return classify(path, name: name)
                    case .regular:
                        return classify(path, name: name)
                    case .other, nil:
                        return nil
                    }
                }
                if let entry { return entry }
                continue
            }
            guard pathIndex < paths.count else { return nil }
            let path = paths[pathIndex]
            pathIndex += 1
            switch Self.kind(of: path, followingLinks: true) {
            case .directory:
                if let failure = enter(path) { return failure }
            case nil:
                return .failure(
                    path,
                    SchmorlError(
                        .unreadableInput, "\(path): no such file or directory; check the path", record: path,
                        cause: SystemError.describe(errno)))
            default:
                let fileExtension = PathName.fileExtension(of: path)
                return options.jsonLinesExtensions.contains(fileExtension)
                    ? .jsonLines(path) : .report(path, id: PathName.stem(of: path))
            }
        }
    }

    /// A file found in a directory: a report, a JSON Lines file, or nothing when its extension is not wanted.
    ///
    /// The extension and the id come from the name's bytes (`PathName.fileExtension(of:)` and `stem(of:)` of the
    /// path give the same), not from the whole path searched again for its last component.
    private func classify(_ path: String, name: UnsafeBufferPointer<UInt8>) -> Entry? {
        // The last dot, unless it starts the name (hidden entries never get here, but the rule is the paths' rule).
        let dot = name.lastIndex(of: UInt8(ascii: ".")).flatMap { $0 == 0 ? nil : $0 }
        let fileExtension =
            dot.map { String(decoding: UnsafeBufferPointer(rebasing: name[($0 + 1)...]), as: UTF8.self).lowercased() }
            ?? ""
        if options.extensions.contains(fileExtension) {
            let stem = dot.map { UnsafeBufferPointer(rebasing: name[..<$0]) } ?? name
            return .report(path, id: String(decoding: stem, as: UTF8.self))
        }
        if options.jsonLinesExtensions.contains(fileExtension) { return .jsonLines(path) }
        return nil
    }

    /// Lists `directory` and pushes it; returns a failure entry when it cannot be listed.
    private mutating func enter(_ directory: String) -> Entry? {
        guard let stream = opendir(directory) else {
            return .failure(
                directory,
                SchmorlError(
                    .unreadableInput, "cannot list the directory; check its permissions", record: directory,
                    cause: SystemError.describe(errno)))
        }
        defer { closedir(stream) }
        var names: [UInt8] = []
        var entries: [Listed] = []
        while let entry = readdir(stream) {
            let kind = Self.kind(ofEntryType: entry.pointee.d_type)
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let length = raw.firstIndex(of: 0) ?? raw.count
                let name = UnsafeRawBufferPointer(rebasing: raw[..<length])
                if name.elementsEqual(".".utf8) || name.elementsEqual("..".utf8) { return }
                let start = names.count
                if name.allSatisfy({ $0 < 0x80 }) {
                    names.append(contentsOf: name)
                } else {
                    // Kept as a `String` would hold it (ill-formed bytes replaced), the name every later step
                    // has always seen.
                    names.append(contentsOf: String(decoding: name, as: UTF8.self).utf8)
                }
                var prefix: UInt64 = 0
                for offset in 0..<8 {
                    let byte = start + offset < names.count ? names[start + offset] : 0
                    prefix = prefix << 8 | UInt64(byte)
                }
                entries.append(Listed(start: start, count: names.count - start, kind: kind, prefix: prefix))
            }
        }
        names.withUnsafeBufferPointer { names in
            entries.sort { left, right in
                guard left.prefix == right.prefix else { return left.prefix < right.prefix }
                return PathName.precedesInByteOrder(
                    UnsafeBufferPointer(rebasing: names[left.start..<left.start + left.count]),
                    UnsafeBufferPointer(rebasing: names[right.start..<right.start + right.count]))
            }
        }
        frames.append(Frame(directory: directory, names: names, entries: entries))
        return nil
    }

    /// The kind a directory entry gives (`d_type`), or nil when the file system does not say (`DT_UNKNOWN`): the
    /// walk then asks `lstat`. Why: one `lstat` per file was a system call per report in a directory of reports,
    /// and Linux's common file systems fill `d_type` with the same kind `lstat` would give.
    private static func kind(ofEntryType type: UInt8) -> Kind? {
        switch type {
        case 4: .directory  // DT_DIR
        case 8: .regular  // DT_REG
        case 10: .symbolicLink  // DT_LNK
        case 0: nil  // DT_UNKNOWN
        default: .other  // FIFO, socket, device
        }
    }

    enum Kind { case directory, regular, symbolicLink, other }

    static func kind(of path: String, followingLinks: Bool) -> Kind? {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}
