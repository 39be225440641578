import Foundation
public import SchmorlModel

/// The `schmorl assert` gold cases of one evaluation, with the lines that could not be loaded.
public struct AssertionCaseSet: Sendable, Hashable {
    /// The file the cases came from.
    public var source: String
    /// The cases that loaded, in file order.
    public var cases: [AssertionCase]
    /// One row per line that does not parse or repeats an id.
    public var errors: [ErrorRow]

    /// Cases from values.
    public init(source: String, cases: [AssertionCase], errors: [ErrorRow] = []) {
        self.source = source
        self.cases = cases
        self.errors = errors
    }

    /// Reads a JSON Lines file of `{"id", "text", "target", "expected"}` (Fixtures/assert/cases.jsonl).
    ///
    /// A line that does not parse or repeats an id becomes an error row; unknown keys are ignored.
    /// - Throws: `SchmorlError` when the file cannot be read or holds no line.
    public init(contentsOf path: String) throws(SchmorlError) {
        let data = try readFile(path, what: "assert cases file")
        self.init(source: path, cases: [])
        var firstSeen: [String: Int] = [:]
        for line in splitJSONLines(data) {
            let location = "\(path):\(line.number)"
            var assertCase: AssertionCase
            do {
                assertCase = try JSONDecoder().decode(AssertionCase.self, from: line.bytes)
            } catch {
                errors.append(
                    ErrorRow(
                        id: GoldRecord.peekId(line.bytes) ?? "line \(line.number)", location: location,
                        code: .invalidGold, message: "case does not parse: " + describeDecodingFailure(error)))
                continue
            }
            if let first = firstSeen[assertCase.id] {
                errors.append(
                    ErrorRow(
                        id: assertCase.id, location: location, code: .invalidGold,
                        message: "id \"\(assertCase.id)\" is already used on line \(first); give every case its own id")
                )
                continue
            }
            firstSeen[assertCase.id] = line.number
            assertCase.location = location
            cases.append(assertCase)
        }
        guard !cases.isEmpty || !errors.isEmpty else {
            throw SchmorlError(.invalidGold, "assert cases file \(path) holds no line; check --assert-cases")
        }
    }
}
