import ArgumentParser
import Foundation
import GeoTwin

/// A failure the CLI reports as one line `geotwin: error: <message>` on stderr.
struct CLIError: Error, CustomStringConvertible {
    /// What went wrong, naming the file.
    var description: String

    init(_ message: String) { description = message }
}

/// Runs `body`; on any error prints one line `geotwin: error: ...` to stderr and exits with 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(error)
        throw ExitCode(1)
    }
}

/// Prints `geotwin: error: <error>` as one line on stderr.
func printError(_ error: any Error) {
    let message = String(describing: error).replacingOccurrences(of: "\n", with: " ")
    FileHandle.standardError.write(Data("geotwin: error: \(message)\n".utf8))
}
