import Foundation
public import SchmorlModel

/// The hand-labelled reports of one evaluation, with the lines that could not be loaded.
///
/// Two sources:
/// - a **Fixtures-format directory** (Fixtures/README.md), searched recursively: every `NAME.expected.json`
///   beside a report `NAME.txt`, `NAME.xml` or `NAME.json` in the same folder (tried in that order) is a case
///   whose report is that file;
/// - a **JSON Lines file** of summary-shaped objects `{"id", "file", "nodes", "differentials"}` (the shape of
///   `extract --output summary`, which a team can label in a spreadsheet and export), `file` relative to a
///   reports directory (by default the gold file's own directory). A `file` with no extension that does not
///   exist is tried with `.txt`, `.xml` and `.json`; a line with no `file` is looked up by its id the same way.
///
/// Optional keys (`format`, `sizeMm`, `large`, `scleroticRim`, `comparison`, `differentialAssertions`, `note`,
/// `twin`) are read; unknown keys are ignored. A line that does not parse, repeats an id, or whose report file
/// is missing becomes an `ErrorRow`, never a crash; only a gold path that cannot be read at all throws.
public struct GoldSet: Sendable, Hashable {
    /// Where the gold came from (a directory or a file), for the report header.
    public var source: String
    /// The cases that loaded, in file order (sorted relative paths for a directory).
    public var cases: [GoldCase]
    /// One row per case that could not be loaded.
    public var errors: [ErrorRow]

    /// A gold set from values (tests, other front ends).
    public init(source: String, cases: [GoldCase], errors: [ErrorRow] = []) {
        self.source = source
        self.cases = cases
        self.errors = errors
    }

    /// Loads a Fixtures-format directory, or a JSON Lines file, whichever `path` is.
    ///
    /// - Parameter reportsDirectory: where a JSON Lines file's `file` paths start; ignored for a directory.
    /// - Throws: `SchmorlError` when `path` cannot be read or holds no gold at all (a typo in `--gold` must
    ///   not pass as a perfect score over nothing).
    public init(contentsOf path: String, reportsDirectory: String? = nil) throws(SchmorlError) {
        if isDirectory(path) {
            self = try GoldSet.fixtures(at: path)
        } else {
            self = try GoldSet.jsonLines(at: path, reportsDirectory: reportsDirectory)
        }
    }

    /// Loads every `NAME.expected.json` under `directory` that has a report beside it.
    /// - Complexity: O(files under `directory`), plus reading each expected file once.
    public static func fixtures(at directory: String) throws(SchmorlError) -> GoldSet {
        guard isDirectory(directory) else {
            throw SchmorlError(.unreadableInput, "gold directory \(directory) does not exist; check --gold")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw SchmorlError(.unreadableInput, "cannot list gold directory \(directory); check its permissions")
        }
        let suffix = ".expected.json"
        var expectedFiles: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            if relative.hasSuffix(suffix) { expectedFiles.append(relative) }
        }
        expectedFiles.sort()

        var set = GoldSet(source: directory, cases: [])
        var firstSeen: [String: String] = [:]
        for relative in expectedFiles {
            let stem = String(relative.dropLast(suffix.count))
            let name = stem.split(separator: "/").last.map(String.init) ?? stem
            let reportRelative = [".txt", ".xml", ".json"].map { stem + $0 }.first {
                isFile(joinPath(directory, $0))
            }
            let record: GoldRecord
            do {
                let data = try readFile(joinPath(directory, relative), record: name, what: "gold file")
                record = try GoldRecord.decode(data)
            } catch {
                set.errors.append(ErrorRow(id: name, location: relative, error: error))
                continue
            }
            var id = record.id ?? name
            guard let reportRelative else {
                set.errors.append(
                    ErrorRow(
                        id: id, location: relative, code: .unreadableInput,
                        message: "no report beside \(relative): expected \(stem).txt, \(stem).xml or \(stem).json"))
                continue
            }
            // In a Fixtures tree the same report in several wrappers (text/NAME, cda/NAME) shares its id: the
            // folder tells the cases apart. Within one folder, an id used twice is an error.
            if firstSeen[id] != nil {
                let folder = stem.split(separator: "/").dropLast().joined(separator: "/")
                let qualified = folder.isEmpty ? id : "\(folder)/\(id)"
                if let first = firstSeen[qualified] ?? (folder.isEmpty ? firstSeen[id] : nil) {
                    set.errors.append(
                        ErrorRow(
                            id: id, location: relative, code: .invalidGold,
                            message: "id \"\(id)\" is already used by \(first); give every gold case its own id"))
                    continue
                }
                id = qualified
            }
            firstSeen[id] = relative
            set.cases.append(
                record.goldCase(
                    id: id, reportPath: joinPath(directory, reportRelative), file: reportRelative))
        }
        guard !set.cases.isEmpty || !set.errors.isEmpty else {
            throw SchmorlError(
                .invalidGold,
                "no NAME.expected.json beside a report under \(directory); check --gold (Fixtures/README.md)")
        }
        return set
    }

    /// Loads a JSON Lines gold file; `file` paths start at `reportsDirectory`, else at the gold file's folder.
    /// - Complexity: O(bytes of the file), plus one existence check per line.
    public static func jsonLines(at path: String, reportsDirectory: String? = nil) throws(SchmorlError) -> GoldSet {
        let data = try readFile(path, what: "gold file")
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let base = reportsDirectory ?? (path.hasPrefix("/") && folder.isEmpty ? "/" : folder)
        var set = GoldSet(source: path, cases: [])
        var firstSeen: [String: Int] = [:]
        for line in splitJSONLines(data) {
            let location = "\(path):\(line.number)"
            let record: GoldRecord
            do {
                record = try GoldRecord.decode(line.bytes)
            } catch {
                let id = GoldRecord.peekId(line.bytes) ?? "line \(line.number)"
                set.errors.append(ErrorRow(id: id, location: location, error: error))
                continue
            }
            guard let id = record.id else {
                set.errors.append(
                    ErrorRow(
                        id: "line \(line.number)", location: location, code: .invalidGold,
                        message: "id: missing; every gold line needs it"))
                continue
            }
            if let first = firstSeen[id] {
                set.errors.append(
                    ErrorRow(
                        id: id, location: location, code: .invalidGold,
                        message: "id \"\(id)\" is already used on line \(first); give every gold line its own id"))
                continue
            }
            firstSeen[id] = line.number
            let named = record.file ?? id
            var candidates = [named]
            if !(named.split(separator: "/").last ?? "").contains(".") {
                candidates += [".txt", ".xml", ".json"].map { named + $0 }
            }
            guard let file = candidates.first(where: { isFile(joinPath(base, $0)) }) else {
                set.errors.append(
                    ErrorRow(
                        id: id, location: location, code: .unreadableInput,
                        message: "report file \(named) not found under \(base.isEmpty ? "." : base); "
                            + "check --reports and the line's \"file\""))
                continue
            }
            set.cases.append(record.goldCase(id: id, reportPath: joinPath(base, file), file: file))
        }
        guard !set.cases.isEmpty || !set.errors.isEmpty else {
            throw SchmorlError(.invalidGold, "gold file \(path) holds no line; check --gold")
        }
        return set
    }
}

/// One gold object as written (a fixture's expected file or a JSON Lines line).
struct GoldRecord: Decodable {
    var id: String?
    var file: String?
    var format: SourceFormat?
    var nodes: [GoldNode]
    var differentials: [DifferentialCondition]
    var differentialAssertions: [DifferentialCondition: DifferentialCertainty]
    var note: String?
    var twin: String?

    enum CodingKeys: String, CodingKey {
        case id, file, format, nodes, differentials, differentialAssertions, note, twin
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        file = try container.decodeIfPresent(String.self, forKey: .file)
        format = try container.decodeIfPresent(SourceFormat.self, forKey: .format)
        nodes = try container.decode([GoldNode].self, forKey: .nodes)
        differentials = try container.decode([DifferentialCondition].self, forKey: .differentials)
        differentialAssertions = [:]
        let written = try container.decodeIfPresent(
            [String: DifferentialCertainty].self, forKey: .differentialAssertions)
        for (name, certainty) in written ?? [:] {
            guard let condition = DifferentialCondition(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .differentialAssertions, in: container,
                    debugDescription: "\"\(name)\" is not a condition (fracture, infection, malignancy)")
            }
            differentialAssertions[condition] = certainty
        }
        note = try container.decodeIfPresent(String.self, forKey: .note)
        twin = try container.decodeIfPresent(String.self, forKey: .twin)
    }

    /// Decodes one object, or throws an `.invalidGold` error naming the key path at fault.
    static func decode(_ data: Data) throws(SchmorlError) -> GoldRecord {
        do {
            return try JSONDecoder().decode(GoldRecord.self, from: data)
        } catch {
            throw SchmorlError(.invalidGold, "gold does not parse: " + describeDecodingFailure(error))
        }
    }

    /// The id of a line that failed to decode as gold, when it is at least an object with a string id.
    static func peekId(_ data: Data) -> String? {
        struct IdOnly: Decodable { var id: String }
        return try? JSONDecoder().decode(IdOnly.self, from: data).id
    }

    func goldCase(id: String, reportPath: String, file: String) -> GoldCase {
        GoldCase(
            id: id, reportPath: reportPath, file: file, format: format, nodes: nodes, differentials: differentials,
            differentialAssertions: differentialAssertions, note: note, twin: twin)
    }
}
