extension EvaluationOutcome {
    /// The outcome as GitHub-flavoured Markdown for a pull request: gates first (what a reviewer decides on),
    /// then the figures, the mismatch list, the error rows, and the confusion matrices folded away.
    public func renderMarkdown() -> String {
        var out: [String] = ["## schmorl eval", ""]
        if let report {
            out.append("Gold `\(report.goldSource)`: " + report.headline.replacingNewlines(with: "; ") + ".")
            out.append("")
        }
        if let assertions {
            out.append("Assert cases `\(assertions.source)`: \(assertions.headline).")
            out.append("")
        }
        if !gates.isEmpty {
            out.append("### Gates: \(passed ? "all passed" : "\(failedGates.count) failed")")
            out.append("")
            out += gates.map { "- " + ($0.passed ? "pass: " : "**FAIL**: ") + markdownCell($0.reason) }
            out.append("")
        }

        var groups = report?.figureGroups ?? []
        if let assertions { groups.append(FigureGroup(title: "Assert cases", figures: assertions.figures)) }
        out.append("### Figures")
        out.append("")
        out.append("| figure | value | count | detail |")
        out.append("|---|---:|---:|---|")
        for group in groups {
            out.append("| **\(markdownCell(group.title))** | | | |")
            for figure in group.figures {
                out.append(
                    "| \(figure.name) | \(figure.rate.formattedValue) | \(figure.rate.formattedCounts) | "
                        + "\(markdownCell(figure.detail ?? "")) |")
            }
        }
        out.append("")

        let mismatches = (report?.mismatches ?? []) + (assertions?.mismatches ?? [])
        out.append("### Mismatches (\(mismatches.count))")
        out.append("")
        if !mismatches.isEmpty {
            out.append("| id | field | expected | got | evidence |")
            out.append("|---|---|---|---|---|")
            for mismatch in mismatches {
                let cells = [mismatch.id, mismatch.field, mismatch.expected, mismatch.got, mismatch.evidence]
                out.append("| " + cells.map(markdownCell).joined(separator: " | ") + " |")
            }
            out.append("")
        }
        if !errors.isEmpty {
            out.append("### Errors (\(errors.count))")
            out.append("")
            out.append("| id | where | error |")
            out.append("|---|---|---|")
            for error in errors {
                out.append(
                    "| \(markdownCell(error.id)) | \(markdownCell(error.location ?? "")) | "
                        + "\(markdownCell(error.message)) |")
            }
            out.append("")
        }

        out.append("<details><summary>Confusion matrices (rows gold, columns engine)</summary>")
        out.append("")
        for (title, matrix) in matrices {
            out.append("**\(markdownCell(title))** (accuracy \(matrix.accuracy))")
            out.append("")
            out.append("| gold \\ engine | " + matrix.labels.joined(separator: " | ") + " |")
            out.append("|---|" + String(repeating: "---:|", count: matrix.labels.count))
            for (index, label) in matrix.labels.enumerated() {
                out.append("| \(label) | " + matrix.counts[index].map(String.init).joined(separator: " | ") + " |")
            }
            out.append("")
        }
        out.append("</details>")
        return out.joined(separator: "\n") + "\n"
    }
}

/// Text made safe for one Markdown table cell: pipes escaped, HTML brackets and line breaks neutralised.
func markdownCell(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "|": result += "\\|"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\n", "\r\n", "\r": result += " "
        default: result.append(character)
        }
    }
    return result
}

extension String {
    fileprivate func replacingNewlines(with separator: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: separator)
    }
}
