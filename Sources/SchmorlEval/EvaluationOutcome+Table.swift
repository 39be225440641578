extension EvaluationOutcome {
    /// The outcome as fixed-width text for a terminal: a header, the figures with their counts under their
    /// headings, the confusion matrices, the mismatch list, the error rows and the gates.
    ///
    /// Columns are as wide as their widest cell; nothing is truncated (an evidence snippet is what a reviewer
    /// needs whole), so a long evidence cell runs past the terminal edge rather than losing text.
    public func renderTable() -> String {
        var out: [String] = []
        var groups: [FigureGroup] = []
        if let report {
            out.append("schmorl eval: gold \(report.goldSource)")
            out.append(report.headline)
            groups += report.figureGroups
        }
        if let assertions {
            out.append("assert cases: \(assertions.source)")
            out.append(assertions.headline)
            groups.append(FigureGroup(title: "Assert cases", figures: assertions.figures))
        }
        out.append("")
        var rows: [[String]] = [["FIGURE", "VALUE", "COUNT", ""]]
        for group in groups {
            rows.append([group.title + ":", "", "", ""])
            for figure in group.figures {
                rows.append(
                    ["  " + figure.name, figure.rate.formattedValue, figure.rate.formattedCounts, figure.detail ?? ""])
            }
        }
        out += textTable(rows, rightAligned: [1, 2])

        for (title, matrix) in matrices {
            out.append("")
            out.append("\(title) (rows gold, columns engine; accuracy \(matrix.accuracy))")
            var matrixRows = [["  gold \\ engine"] + matrix.labels]
            for (index, label) in matrix.labels.enumerated() {
                matrixRows.append(["  " + label] + matrix.counts[index].map(String.init))
            }
            out += textTable(matrixRows, rightAligned: Set(1...matrix.labels.count))
        }

        let mismatches = (report?.mismatches ?? []) + (assertions?.mismatches ?? [])
        out.append("")
        out.append("Mismatches (\(mismatches.count))")
        if !mismatches.isEmpty {
            var mismatchRows = [["  ID", "FIELD", "EXPECTED", "GOT", "EVIDENCE"]]
            for mismatch in mismatches {
                mismatchRows.append(
                    ["  " + mismatch.id, mismatch.field, mismatch.expected, mismatch.got, mismatch.evidence])
            }
            out += textTable(mismatchRows, rightAligned: [])
        }
        if !errors.isEmpty {
            out.append("")
            out.append("Errors (\(errors.count))")
            out += errors.map { "  " + $0.description }
        }
        if !gates.isEmpty {
            out.append("")
            out.append("Gates (\(gates.count - failedGates.count) of \(gates.count) passed)")
            out += gates.map { "  " + $0.description }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The confusion matrices worth showing, titled.
    var matrices: [(String, ConfusionMatrix)] {
        var list: [(String, ConfusionMatrix)] = []
        if let report {
            list.append(("Assertion", report.assertion))
            let titles = ["Edema", "Enhancement", "Endplate disruption", "Posterior extension"]
            for (title, scores) in zip(titles, report.features) { list.append((title, scores.confusion)) }
            list.append(("Acute", report.acute))
            list.append(("Symptomatic", report.symptomatic))
        }
        if let assertions { list.append(("Assert cases", assertions.confusion)) }
        return list
    }
}

extension EvaluationReport {
    /// Two lines: cases and nodes, and how the nodes were paired.
    var headline: String {
        let m = matching
        return """
            \(caseCount) cases, \(evaluated.numerator) evaluated, \(errors.count) error rows, \
            \(reportExact.numerator) exact; nodes: \(goldNodes) gold, \(predictedNodes) engine
            paired \(m.paired) (level+endplate+multiple \(m.levelEndplateMultiple), level \(m.level), \
            no level \(m.levelless)); unpaired \(m.unmatchedExpected) gold, \(m.unmatchedPredicted) engine
            """
    }
}

extension AssertionEvaluationReport {
    /// One line: cases, evaluated, errors.
    var headline: String {
        "\(caseCount) cases, \(evaluated.numerator) evaluated, \(errors.count) error rows, "
            + "\(accuracy.numerator) right"
    }
}

/// Rows padded to their columns' widths (in characters), two spaces apart, trailing spaces trimmed.
func textTable(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
        for (index, cell) in row.enumerated() where !(index == 0 && row.dropFirst().allSatisfy(\.isEmpty)) {
            widths[index] = max(widths[index], cell.count)
        }
    }
    return rows.map { row in
        var line = ""
        for (index, cell) in row.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
            if index > 0 { line += "  " }
            line += rightAligned.contains(index) ? padding + cell : cell + padding
        }
        while line.last == " " { line.removeLast() }
        return line
    }
}
