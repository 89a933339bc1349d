import Foundation
import Testing
@testable import GeoIO

/// The one line GeoIO puts in its messages for a failed file call: the system's words for the
/// `errno` behind it, whichever way Foundation wraps it.
struct FileErrorTextTests {
    @Test func systemWordsForFoundationErrors() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/x.gpkg")
        do {
            _ = try Data(contentsOf: missing)
            Issue.record("read a missing file")
        } catch {
            #expect(fileErrorText(error) == "No such file or directory")
        }
        do {
            _ = try FileManager.default.attributesOfItem(atPath: missing.path)
            Issue.record("read a missing file's attributes")
        } catch {
            #expect(fileErrorText(error) == "No such file or directory")
        }
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/proc/self"))
            Issue.record("read a folder")
        } catch {
            #expect(fileErrorText(error) == String(cString: strerror(EISDIR)))
        }
        #expect(fileErrorText(POSIXError(.EACCES)) == "Permission denied")
        struct Other: Error {}
        #expect(fileErrorText(Other()) == "Other()")
    }
}
