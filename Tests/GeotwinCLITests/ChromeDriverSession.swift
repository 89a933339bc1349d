import Foundation

/// A W3C WebDriver session in headless chromium through Debian's `chromedriver` (spoken to with
/// `curl`), for the keyboard tests of the coverage viewer and its DevTools network log.
final class ChromeDriverSession {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The key codes of the WebDriver specification.
    enum Key: String {
        case tab = "\u{E004}", escape = "\u{E00C}", space = " ", arrowRight = "\u{E014}", arrowDown = "\u{E015}", end = "\u{E010}"
    }

    private let driver: Process
    private let base: URL
    private var session = ""

    /// The driver's path, found on `PATH` (nil when none is installed).
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/chromedriver" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Starts `chromedriver` on a free port and opens a session of headless `browser` with its
    /// performance (DevTools) log on.
    init(browser: HeadlessChromium) throws {
        guard let executable = Self.executable else {
            throw Failure(description: "chromedriver is not installed: apt-get install -y chromium-driver")
        }
        let port = Int.random(in: 20_000...40_000)
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: executable)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = URL(string: "http://127.0.0.1:\(port)")!
        let started = Date()
        while (try? request("GET", "/status")) == nil {
            guard Date().timeIntervalSince(started) < 20 else {
                kill(driver.processIdentifier, SIGKILL)
                throw Failure(description: "chromedriver did not start")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("geotwin-webdriver-\(UUID().uuidString)")
        let capabilities: [String: Any] = [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": browser.binary, "args": browser.flags(profile: profile) + ["--window-size=1400,1000"]],
            "goog:loggingPrefs": ["performance": "ALL"],
        ]
        let reply = try request("POST", "/session", ["capabilities": ["alwaysMatch": capabilities]])
        guard let value = reply as? [String: Any], let id = value["sessionId"] as? String else {
            close()
            throw Failure(description: "no session: \(String(describing: reply))")
        }
        session = id
    }

    deinit { close() }

    /// Ends the session and the driver.
    func close() {
        if !session.isEmpty { _ = try? request("DELETE", "/session/\(session)") }
        session = ""
        guard driver.isRunning else { return }
        // chromedriver stops on its /shutdown command, not on SIGTERM.
        _ = try? request("GET", "/shutdown")
        let asked = Date()
        while driver.isRunning && Date().timeIntervalSince(asked) < 5 { Thread.sleep(forTimeInterval: 0.05) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    /// Navigates to `url` (returns when the page has loaded).
    func open(_ url: URL) throws { _ = try command("POST", "url", ["url": url.absoluteString]) }

    /// The current URL, fragment included.
    func currentURL() throws -> String { try command("GET", "url") as? String ?? "" }

    /// Runs `script` in the page and returns its result.
    func execute(_ script: String) throws -> Any? { try command("POST", "execute/sync", ["script": script, "args": []]) }

    /// Sends `keys` to the element `selector` (which the driver focuses first).
    func send(_ keys: [Key], to selector: String) throws {
        let found = try command("POST", "element", ["using": "css selector", "value": selector])
        guard let element = (found as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(selector)")
        }
        _ = try command("POST", "element/\(element)/value", ["text": keys.map(\.rawValue).joined()])
    }

    /// The DevTools messages of the performance log since the last call.
    func performanceLog() throws -> [[String: Any]] {
        let entries = try command("POST", "se/log", ["type": "performance"]) as? [[String: Any]] ?? []
        return entries.compactMap { entry in
            guard let text = entry["message"] as? String,
                  let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
            return object["message"] as? [String: Any]
        }
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        try request(method, "/session/\(session)/\(path)", body)
    }

    /// One request to the driver; its `value`, or the driver's error as a ``Failure``.
    private func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) throws -> Any? {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-m", "60", "-X", method, "-H", "Content-Type: application/json"]
            + (body == nil ? [] : ["--data-binary", "@-"]) + [base.appendingPathComponent(path).absoluteString]
        let input = Pipe(), output = Pipe()
        curl.standardInput = input
        curl.standardOutput = output
        curl.standardError = FileHandle.nullDevice
        try curl.run()
        if let body { input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: body)) }
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        guard curl.terminationStatus == 0 else { throw Failure(description: "\(method) \(path): curl exit \(curl.terminationStatus)") }
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any]
        let value = object?["value"]
        if let v = value as? [String: Any], let error = v["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(v["message"] as? String ?? "")")
        }
        return value is NSNull ? nil : value
    }
}
