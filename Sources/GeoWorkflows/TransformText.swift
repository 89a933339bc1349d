#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import GeoCore
public import GeoProj

/// Transforming `x,y` text lines (x = longitude or easting) from one CRS to another, streamed:
/// the lines are read, transformed and written in blocks, so memory stays flat in input size.
///
/// A first line that is not two numbers is a header and is copied; an empty line is skipped;
/// any other line that is not two numbers, or a point PROJ cannot transform, is reported to
/// `problem` with its line number and counted. Output numbers use `%.17g` (exact round trip).
///
/// ```swift
/// let t = try Transformer(from: .wgs84, to: .korea2000Unified)
/// let failures = TransformText.run(t, readLine: { readLine() }, write: { print($0, terminator: "") },
///                                  problem: { print($0) })
/// ```
public enum TransformText {
    /// Runs `transformer` over the lines `readLine` returns until nil; returns the number of
    /// lines that failed.
    ///
    /// A transformer that checks areas of use refuses points outside them (each is a problem);
    /// one that does not transforms them, as PROJ and cs2cs do, and `warning` is called once at
    /// the end with how many points lay outside the areas of use, when any did.
    public static func run(_ transformer: Transformer, direction: Transformer.Direction = .forward,
                           readLine: () -> String?, write: (String) -> Void, problem: (String) -> Void,
                           warning: (String) -> Void = { _ in }) -> Int {
        var output = ""
        var lineNumber = 0
        var failures = 0
        var outside = 0, transformed = 0
        while let line = readLine() {
            lineNumber += 1
            let text = line.trimmingWhitespaces()
            if text.isEmpty { continue }
            guard let point = parse(text) else {
                if lineNumber == 1 {
                    output += line + "\n"
                } else {
                    problem("line \(lineNumber): expected \"x,y\" with two numbers, got \"\(line)\"")
                    failures += 1
                }
                continue
            }
            do {
                let c = try transformer.transform(point, direction: direction)
                transformed += 1
                if !transformer.checksAreaOfUse, !transformer.isWithinAreasOfUse(input: point, output: c, direction: direction) {
                    outside += 1
                }
                output += String(cFormat: "%.17g,%.17g\n", c.x, c.y)
            } catch {
                problem("line \(lineNumber): \(error)")
                failures += 1
            }
            if output.utf8.count >= 1 << 16 {
                write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        write(output)
        if outside > 0 {
            let (input, result) = direction == .forward ? (transformer.source, transformer.target) : (transformer.target, transformer.source)
            warning("\(outside) of \(transformed) points lie outside the area of use of \(input.description) or \(result.description); they were transformed anyway")
        }
        return failures
    }

    /// The coordinate of an `x,y` line, or nil.
    static func parse(_ text: String) -> Coordinate? {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count == 2,
              let x = Double(fields[0].trimmingWhitespaces()),
              let y = Double(fields[1].trimmingWhitespaces()) else { return nil }
        return Coordinate(x, y)
    }
}
