import Foundation
import Testing
@testable import GeoBenchSupport

/// ``ChildProcess`` against Foundation's `Process` running the same commands: the same exit
/// status (or signal), the same bytes on standard output and standard error, and no deadlock
/// when both streams carry more than a pipe holds.
struct ChildProcessTests {
    private func foundation(_ executable: String, _ arguments: [String]) throws -> (Int32, Data, Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errors = Data()
        let reader = err.fileHandleForReading
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors = reader.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, output, errors)
    }

    @Test(arguments: [
        "printf out; printf err >&2; exit 3",
        "exit 0",
        "head -c 1000000 /dev/zero | tr '\\0' a; head -c 900000 /dev/zero | tr '\\0' b >&2",
        "printf '%s' \"$0\"; kill -TERM $$",
        "printf 'x\\ny\\n'; exec false",
    ])
    func matchesProcess(_ script: String) throws {
        guard let ours = ChildProcess.run("/bin/sh", ["-c", script]) else { Issue.record("did not start"); return }
        let theirs = try foundation("/bin/sh", ["-c", script])
        #expect(ours.status == theirs.0)
        #expect(Data(ours.stdout) == theirs.1)
        #expect(Data(ours.stderr) == theirs.2)
    }

    @Test func discardedOutputAndMissingProgram() {
        let quiet = ChildProcess.run("/bin/sh", ["-c", "echo hidden; echo shown >&2"], keepOutput: false)
        #expect(quiet?.stdout == [])
        #expect(quiet.map { String(decoding: $0.stderr, as: UTF8.self) } == "shown\n")
        #expect(ChildProcess.run("/nonexistent/program", []) == nil)
        #expect(errno == ENOENT)
    }
}
