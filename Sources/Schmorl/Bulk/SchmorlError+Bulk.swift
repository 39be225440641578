public import SchmorlModel

extension SchmorlError.Code {
    /// Writing the output failed (a closed pipe, a full disk).
    public static let outputFailed = SchmorlError.Code(rawValue: "output-failed")
    /// A bulk processor wrote nothing for a record; the runner wrote this error record in its place.
    public static let noOutput = SchmorlError.Code(rawValue: "no-output")
}
