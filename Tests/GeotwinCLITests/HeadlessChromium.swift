import Foundation

/// Debian's `chromium` run headless, for the tests of the coverage viewer in a real browser.
struct HeadlessChromium {
    /// The browser's path, found on `PATH` (nil when none is installed).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    /// True when `GEOTWIN_REQUIRE_BROWSER` is set (and not `0`): the browser tests then fail,
    /// rather than being skipped, without a browser.
    static let required: Bool = {
        guard let v = ProcessInfo.processInfo.environment["GEOTWIN_REQUIRE_BROWSER"] else { return false }
        return !v.isEmpty && v != "0"
    }()

    /// Whether the browser tests run: a browser is installed, or one is required.
    static var enabled: Bool { executable != nil || required }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    let binary: String

    /// The browser, or an error naming what is missing.
    init() throws {
        guard let binary = Self.executable else { throw Missing() }
        self.binary = binary
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "chromium is not installed (GEOTWIN_REQUIRE_BROWSER is set): apt-get install -y chromium" }
    }

    struct Timeout: Error {}

    /// The flags of every run: headless, a throw-away profile, and no background traffic of the
    /// browser's own (updates, sync, metrics), so that any request left in the log is the page's.
    func flags(profile: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
         "--disable-default-apps", "--metrics-recording-only", "--hide-scrollbars", "--user-data-dir=\(profile.path)"]
    }

    /// Runs the browser with `args` after ``flags(profile:)``; output goes through files (a DOM
    /// dump is larger than a pipe's buffer).
    func run(_ args: [String], timeout: Double = 120) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = flags(profile: dir.appendingPathComponent("profile")) + args
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        while process.isRunning {
            if Date().timeIntervalSince(started) > timeout {
                process.terminate()
                process.waitUntilExit()
                throw Timeout()
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let seconds = Date().timeIntervalSince(started)
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self), seconds: seconds)
    }

    /// The DOM of `url` after its scripts ran.
    func dumpDOM(_ url: URL, extra: [String] = []) throws -> Result {
        try run(extra + ["--virtual-time-budget=5000", "--dump-dom", url.absoluteString])
    }

    /// A PNG screenshot of `url` at `width`×`height` pixels, written to `png`.
    func screenshot(_ url: URL, to png: URL, width: Int = 1400, height: Int = 1000) throws -> Result {
        try run(["--window-size=\(width),\(height)", "--virtual-time-budget=5000", "--screenshot=\(png.path)", url.absoluteString])
    }
}
