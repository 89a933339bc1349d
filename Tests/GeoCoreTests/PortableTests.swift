import Foundation
import Testing
@testable import GeoCore
#if canImport(Glibc)
import Glibc

/// glibc's `pthread_getattr_np` (a GNU extension the Glibc module leaves out): the attributes,
/// stack size included, a running thread has.
@_silgen_name("pthread_getattr_np")
private func threadAttributes(_ thread: pthread_t, _ attributes: UnsafeMutablePointer<pthread_attr_t>) -> Int32
#endif

/// GeoTwin's replacements for the parts of Foundation its modules no longer link, each held
/// against the Foundation call it replaces (Foundation is the oracle here: the tests link it).
@Suite struct PortableTests {
    /// Every Unicode scalar of the Basic Multilingual Plane and a sample of the others, each on
    /// both sides of a letter: trimmed as Foundation trims `.whitespaces` and
    /// `.whitespacesAndNewlines`.
    @Test func trimmingMatchesFoundationOnEveryScalar() {
        var scalars = (0...0xFFFF).compactMap { Unicode.Scalar(UInt32($0)) }
        scalars += stride(from: 0x10000, through: 0x10FFFF, by: 97).compactMap { Unicode.Scalar(UInt32($0)) }
        var checked = 0
        for s in scalars {
            let c = String(s)
            let text = c + c + "a" + c + "b" + c
            #expect(text.trimmingWhitespaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(s.value, radix: 16))")
            #expect(text.trimmingWhitespacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(s.value, radix: 16))")
            #expect(c.trimmingWhitespaces() == c.trimmingCharacters(in: .whitespaces))
            checked += 1
        }
        #expect(checked > 65_000)
        // Substrings, a set of its own, text that is all trimmed, CRLF (one Character).
        let samples = ["  \"a b\"  ", "\r\n x \r\n", "\t\t", "", "(1 2),", "\u{3000}서울\u{00A0}", " \0x\0 "]
        for t in samples {
            let sub = ("#" + t + "#").dropFirst().dropLast()
            #expect(sub.trimmingWhitespaces() == sub.trimmingCharacters(in: .whitespaces))
            #expect(sub.trimmingWhitespacesAndNewlines() == sub.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(t.trimmingScalars(in: Set("(),\0 ".unicodeScalars)) == t.trimmingCharacters(in: CharacterSet(charactersIn: "(),\0 ")))
        }
    }

    /// Numbers formatted by `String(cFormat:)` and by Foundation's `String(format:)` alike, for
    /// every specifier GeoTwin uses, over random doubles of every magnitude and the special values.
    @Test func cFormatMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 2.5, 1e-300, 5e-324, 1e300, .greatestFiniteMagnitude,
                                .infinity, -.infinity, .nan, 123456.789, 0.0005, 0.00049999999999999]
        for _ in 0..<2_000 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &rng)
            let d = Double(bitPattern: bits)
            values.append(d)
            values.append(Double.random(in: -1e6...1e6, using: &rng))
        }
        let formats = ["%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.6f", "%.17g", "%g", "%.2g", "%.3g", "%.3e",
                       "%12.3f ms", "%.1f %%", "%7.2fx (%.2f"]
        for v in values {
            for f in formats {
                #expect(String(cFormat: f, v) == String(format: f, v), "\(f) \(v.bitPattern)")
            }
            #expect(String(cFormat: "%.17g,%.17g\n", v, -v) == String(format: "%.17g,%.17g\n", v, -v))
        }
        for b in UInt8.min...UInt8.max { #expect(String(cFormat: "%02X", b) == String(format: "%02X", b)) }
        for i in [0, 5, 59, 60, 123, -7, Int(Int32.max), Int.max] {
            #expect(String(cFormat: "%02ld", i) == String(format: "%02ld", i))
            #expect(String(cFormat: "%ld cores", i) == String(format: "%ld cores", i))
        }
        // Longer than the first buffer, and text with non-ASCII letters around the numbers.
        let long = String(repeating: "가", count: 200) + " %.3f km²"
        #expect(String(cFormat: long, 12.3456) == String(format: long, 12.3456))
        #expect(String(cFormat: "%.0f m, max %.0f m", 1.5, 2.5) == String(format: "%.0f m, max %.0f m", 1.5, 2.5))
    }

    /// Path text split as `NSString` splits it; a path of slashes alone is the root, as POSIX has
    /// it (Foundation on Linux answers "" for `//`).
    @Test func pathTextMatchesNSString() {
        let paths = ["", "/", "//", "///", "a", "a/", "a//", "/a", "/a/", "//a", "a/b", "a//b", "a/b/", "/a/b.c",
                     "a.b", "a.b.c", ".a", "/.a", "a/.b", "a/.b.c", "a.", "a..", "..", ".", "./", "./a.shp", "../a.gpkg",
                     "/tmp/out.gpkg", "/tmp/x/emd.shp", "dir.d/file", "dir.d/file.", "dir.d/.", "a/b.c/",
                     "x.tar.gz", "/tmp/a b.gpkg", "서울/강남.shp", "/데이터/.숨김", "a.b/c", "a/b/c.d.e/",
                     "file.GPKG", "/a/b/../c.fgb", "~/x.csv", "a/.", "a/..", "a.b."]
        // Foundation on Linux traps on a relative path whose last component is one character
        // (`a`, `a/`, `.`): those are checked by hand below, with the slash-only paths.
        let byHand = ["a", "a/", "a//", ".", "./", "//", "///"]
        for p in paths where !byHand.contains(p) {
            let ns = p as NSString
            #expect(PathText.lastComponent(p) == ns.lastPathComponent, "lastPathComponent of \(p)")
            #expect(PathText.deletingLastComponent(p) == ns.deletingLastPathComponent, "deletingLastPathComponent of \(p)")
            #expect(PathText.pathExtension(p) == ns.pathExtension, "pathExtension of \(p)")
            #expect(PathText.deletingExtension(p) == ns.deletingPathExtension, "deletingPathExtension of \(p)")
        }
        for p in ["//", "///"] {
            #expect(PathText.lastComponent(p) == "/")
            #expect(PathText.deletingLastComponent(p) == "/")
            #expect(PathText.pathExtension(p) == "")
            #expect(PathText.deletingExtension(p) == "/")
        }
        for (p, last) in [("a", "a"), ("a/", "a"), ("a//", "a"), (".", "."), ("./", ".")] {
            #expect(PathText.lastComponent(p) == last)
            #expect(PathText.deletingLastComponent(p) == "")
            #expect(PathText.pathExtension(p) == "")
            #expect(PathText.deletingExtension(p) == last)
        }
    }

    /// Replacing matches Foundation's literal `replacingOccurrences(of:with:)` on random text over
    /// small alphabets (so that matches are frequent, adjacent and overlapping).
    @Test func replacingAllMatchesFoundation() {
        var rng = SystemRandomNumberGenerator()
        let alphabets: [[String]] = [["a", "b", "\""], ["가", "나", "a"], ["\r", "\n", "x"]]
        for alphabet in alphabets {
            for _ in 0..<500 {
                let text = (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                let target = (0..<Int.random(in: 1...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                let replacement = (0..<Int.random(in: 0...3, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                #expect(text.replacingAll(target, with: replacement)
                        == text.replacingOccurrences(of: target, with: replacement, options: .literal), "\(text) \(target)")
            }
        }
        #expect("abc".replacingAll("", with: "x") == "abc")
        #expect("a\"b\"".replacingAll("\"", with: "\"\"") == "a\"\"b\"\"")
    }

    /// Percent-decoding agrees with Foundation's `removingPercentEncoding`, nil cases included.
    @Test func percentDecodingMatchesFoundation() {
        let texts = ["", "abc", "%41", "%4a%4A", "%", "%4", "%4G", "a%20b", "%EC%84%9C%EC%9A%B8", "%ff", "%C3",
                     "p%40ss%3Aw%2Fd", "100%", "%%41", "%2", "x%zz", "%E2%82", "%00", "%25", "+"]
        for t in texts {
            #expect(t.percentDecoded == t.removingPercentEncoding, "\(t)")
        }
    }

    /// A lock keeps a counter exact under two threads; a condition hands values from one thread to
    /// another in order; a thread started with an 8 MiB stack has it.
    @Test func lockConditionAndThreads() {
        let lock = Lock()
        final class Box: @unchecked Sendable { var count = 0; var values: [Int] = []; var shared: [Int] = []; var stack = 0 }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            Threads.detach(stackSize: 1 << 20) {
                for _ in 0..<100_000 { lock.withLock { box.count += 1 } }
                done.signal()
            }
        }
        done.wait(); done.wait()
        #expect(box.count == 200_000)

        let condition = Condition()
        var queue: [Int] = []
        Threads.detach(stackSize: 1 << 20) {
            for i in 0..<1_000 {
                condition.lock()
                box.shared.append(i)
                condition.signal()
                condition.unlock()
            }
            condition.lock()
            box.shared.append(-1)
            condition.broadcast()
            condition.unlock()
        }
        var finished = false
        while !finished {
            condition.lock()
            while box.shared.isEmpty { condition.wait() }
            queue = box.shared
            box.shared.removeAll()
            condition.unlock()
            for v in queue { if v < 0 { finished = true } else { box.values.append(v) } }
        }
        #expect(box.values == Array(0..<1_000))

        #if os(Linux)
        Threads.detach(stackSize: 8 << 20) {
            var attributes = pthread_attr_t()
            _ = threadAttributes(pthread_self(), &attributes)
            var size = 0
            pthread_attr_getstacksize(&attributes, &size)
            pthread_attr_destroy(&attributes)
            box.stack = size
            done.signal()
        }
        done.wait()
        #expect(box.stack >= 8 << 20)
        #endif
    }

    /// Files: the first bytes of a file, a whole buffer written, errors in the system's words;
    /// the running program's path as Foundation's `Bundle` gives it.
    @Test func filesAndErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-portable-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/a.bin"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        guard case .success(let fd) = RawFile.create(path) else { Issue.record("cannot create"); return }
        try bytes.withUnsafeBytes { try RawFile.writeAll(fd, $0) }
        try RawFile.close(fd)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
        #expect(RawFile.prefix(path, count: 4096) == Array(bytes[..<4096]))
        #expect(RawFile.prefix(path, count: 400_000) == bytes)
        #expect(RawFile.prefix(dir + "/missing", count: 10) == nil)
        guard case .failure(let e) = RawFile.create(dir + "/no/such/folder/x") else { Issue.record("created"); return }
        #expect(e.code == ENOENT)
        #expect("\(e)" == "No such file or directory")
        #expect(systemErrorText(EACCES) == "Permission denied")
        #expect(runningExecutablePath() == Bundle.main.executablePath)
    }
}
