import Foundation
import Testing

/// Runs the built `geotwin` with `arguments` and `input` on stdin.
private func runGeotwin(_ arguments: [String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try CLIRunner.run(arguments, stdin: input)
    return (r.status, r.stdout, r.stderr)
}

@Suite struct TransformCommandTests {
    @Test func transformsLinesAndCopiesTheHeader() throws {
        let result = try runGeotwin(["transform", "--from", "EPSG:4326", "--to", "EPSG:5179"],
                                    input: "lon,lat\n127.5,38\n127.334, 36.524\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "lon,lat")
        #expect(lines.count == 3)
        #expect(lines[1] == "1000000,2000000", "the origin of the Unified CS")
        let fields = lines[2].split(separator: ",").compactMap { Double($0) }
        #expect(fields.count == 2 && abs(fields[0] - 985_210) < 1_000 && abs(fields[1] - 1_836_000) < 5_000)
        #expect(result.stderr.isEmpty)
    }

    @Test func inverseRunsBack() throws {
        let result = try runGeotwin(["transform", "--from", "EPSG:4326", "--to", "EPSG:5179", "--inverse"],
                                    input: "1000000,2000000\n")
        #expect(result.status == 0)
        #expect(result.stdout == "127.5,38\n")
    }

    @Test func badLinesAreReportedWithTheirNumberAndFailTheRun() throws {
        // --strict: a point outside EPSG:5186's area of use (line 3) is refused, not transformed.
        let result = try runGeotwin(["transform", "--from", "EPSG:4326", "--to", "EPSG:5186", "--strict"],
                                    input: "127,37\nnot a point\n129.1,35.2\n127.2,36\n")
        #expect(result.status != 0)
        #expect(result.stdout.split(separator: "\n").count == 2, "the good lines are still written")
        let errors = result.stderr.split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors[0].hasPrefix("geotwin: error: line 2:"))
        #expect(errors[1].hasPrefix("geotwin: error: line 3:") && errors[1].contains("EPSG:5186"))
    }

    @Test func anUnknownCRSIsOneErrorLine() throws {
        let result = try runGeotwin(["transform", "--from", "EPSG:999999", "--to", "EPSG:5179"], input: "1,2\n")
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("geotwin: error: unknown CRS \"EPSG:999999\""))
    }
}
