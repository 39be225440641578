import SchmorlModel

/// The DiagnosticReports of a FHIR Bundle, read one by one, the same way for XML and JSON.
///
/// A report with no text at all (a lab panel) is skipped; a Bundle with none left is an error; the number of
/// reports is bounded by `XMLLimits.maximumReportsPerDocument`.
enum FHIRBundle {
    static func collect<Resource>(
        _ resources: [Resource], record: String, limits: XMLLimits,
        read: (Resource, _ fallbackID: String) throws(SchmorlError) -> ReportDocument
    ) throws(SchmorlError) -> [ReportDocument] {
        var reports: [ReportDocument] = []
        for (offset, resource) in resources.enumerated() {
            guard reports.count < limits.maximumReportsPerDocument else {
                throw SchmorlError(
                    .inputTooLarge,
                    "Bundle holds more than \(limits.maximumReportsPerDocument) DiagnosticReports (XMLLimits)",
                    record: record)
            }
            do {
                reports.append(try read(resource, "\(record)#\(offset + 1)"))
            } catch where error.code == .emptyReport {
                // A DiagnosticReport with no text at all (a lab panel) is not a report the engine can read.
                continue
            }
        }
        guard !reports.isEmpty else {
            throw SchmorlError(
                .emptyReport, "Bundle holds no DiagnosticReport with narrative, conclusion or text attachment",
                record: record)
        }
        return reports
    }
}
