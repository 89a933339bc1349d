import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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
    let message = String(describing: error).replacingAll("\n", with: " ")
    StandardStreams.writeError("geotwin: error: \(message)\n")
}

/// Parses `--bbox minX,minY,maxX,maxY` (in the layer's CRS).
func parseBBox(_ text: String?) throws -> BoundingBox? {
    guard let text else { return nil }
    let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingWhitespaces()) }
    guard values.count == 4, let minX = values[0], let minY = values[1], let maxX = values[2], let maxY = values[3],
          [minX, minY, maxX, maxY].allSatisfy(\.isFinite) else {
        throw CLIError("--bbox must be four numbers minX,minY,maxX,maxY (got '\(text)')")
    }
    guard minX <= maxX, minY <= maxY else { throw CLIError("--bbox needs minX <= maxX and minY <= maxY (got '\(text)')") }
    return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
}
