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
            case .report(let path):
                return InputRecord(id: PathName.stem(of: path), payload: .file(path: path))
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
        case report(String)
        case jsonLines(String)
        case failure(String, SchmorlError)
    }

    private struct Frame {
        var directory: String
        /// The entries in byte order of their names, each with the kind its directory entry gave, if any.
        var entries: [(name: String, kind: Kind?)]
        var index = 0
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
                let (name, listedKind) = frame.entries[frame.index]
                if name.hasPrefix(".") { continue }
                let path = PathName.join(frame.directory, name)
                switch listedKind ?? Self.kind(of: path, followingLinks: false) {
                case .directory:
                    if let failure = enter(path) { return failure }
                case .symbolicLink:
                    // A link to a file is taken; a link to a directory is not followed (no cycles).
                    if Self.kind(of: path, followingLinks: true) == .regular, let entry = classify(path) {
                        return entry
                    }
                case .regular:
                    if let entry = classify(path) { return entry }
                case .other, nil:
                    continue
                }
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
                return options.jsonLinesExtensions.contains(fileExtension) ? .jsonLines(path) : .report(path)
            }
        }
    }

    /// A file found in a directory: a report, a JSON Lines file, or nothing when its extension is not wanted.
    private func classify(_ path: String) -> Entry? {
        let fileExtension = PathName.fileExtension(of: path)
        if options.extensions.contains(fileExtension) { return .report(path) }
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
        var entries: [(name: String, kind: Kind?)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            entries.append((name, Self.kind(ofEntryType: entry.pointee.d_type)))
        }
        entries.sort { PathName.precedesInByteOrder($0.name, $1.name) }
        frames.append(Frame(directory: directory, entries: entries))
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
