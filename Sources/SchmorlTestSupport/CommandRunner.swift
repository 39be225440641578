import Foundation

/// Runs a built executable of this package and captures what it wrote.
public struct CommandResult: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

public enum CommandRunner {
    /// The folder holding the package's built products (the test bundle sits beside them).
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil) throws -> CommandResult {
        try launch(productsDirectory.appendingPathComponent(executable), arguments, input: input)
    }

    /// Runs a tool found on PATH (python3 for the schema validator).
    public static func runTool(_ arguments: [String]) throws -> CommandResult {
        try launch(URL(fileURLWithPath: "/usr/bin/env"), arguments, input: nil)
    }

    private static func launch(_ executable: URL, _ arguments: [String], input: Data?) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Fixture.repositoryRoot)
        let output = Pipe()
        let error = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
