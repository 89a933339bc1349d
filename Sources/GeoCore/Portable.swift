#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The few things GeoTwin's modules took from the whole of Foundation, built on the standard
// library and the C library instead, so that a program linking GeoTwin links only Foundation's
// essentials (`FoundationEssentials`): no internationalization, no ICU data, half the
// protocol conformances a first cast scans, a third fewer relocations at start-up. Each matches
// the Foundation call it replaces, output for output (the tests hold them against Foundation).

// MARK: Text

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: Unicode's space separators (Zs),
    /// U+0009 and U+200B, the set Foundation calls `CharacterSet.whitespaces`.
    package func trimmingWhitespaces() -> String {
        trimmingScalars { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The text without leading and trailing white space and line breaks: Unicode's `White_Space`
    /// property and U+200B, the set Foundation calls `CharacterSet.whitespacesAndNewlines`.
    package func trimmingWhitespacesAndNewlines() -> String {
        trimmingScalars { $0 == "\u{200B}" || $0.properties.isWhitespace }
    }

    /// The text without the leading and trailing Unicode scalars in `set`.
    package func trimmingScalars(in set: Set<Unicode.Scalar>) -> String {
        trimmingScalars { set.contains($0) }
    }

    /// The text without the leading and trailing Unicode scalars for which `drop` holds.
    package func trimmingScalars(where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }),
              let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

extension String {
    /// The text with every occurrence of `target` replaced by `replacement`, matched byte for
    /// byte in UTF-8, left to right without overlaps (Foundation's literal
    /// `replacingOccurrences(of:with:)`). An empty `target` changes nothing.
    package func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first else { return self }
        let bytes = Array(utf8)
        guard bytes.count >= t.count else { return self }
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + t.count <= bytes.count {
            if bytes[i] == first && bytes[i..<(i + t.count)].elementsEqual(t) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: bytes[copied..<i])
                out.append(contentsOf: replacement.utf8)
                i += t.count
                copied = i
            } else {
                i += 1
            }
        }
        if copied == 0 { return self }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// Text formatted as C's `printf` formats it (`%.3f`, `%g`, `%02X`, `%ld`, `%s` of a C string).
    ///
    /// The numbers come out as `String(format:)` writes them: Foundation hands its number
    /// conversions to the C library too.
    package init(cFormat format: String, _ arguments: any CVarArg...) {
        var small = [CChar](repeating: 0, count: 256)
        let needed = withVaList(arguments) { list in
            small.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, list) }
        }
        guard needed >= 0 else { self = ""; return }
        if Int(needed) < small.count {
            self = String(decoding: small[..<Int(needed)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return
        }
        var large = [CChar](repeating: 0, count: Int(needed) + 1)
        _ = withVaList(arguments) { list in
            large.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, list) }
        }
        self = String(decoding: large[..<Int(needed)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

// MARK: Paths

/// File-path text as Foundation's `NSString` path methods read it: runs of slashes count as one
/// and a trailing slash is ignored; an extension is what follows the last dot of the last
/// component, unless that dot begins or ends the component. A path of slashes alone is the root
/// (`/`), as POSIX reads it.
package enum PathText {
    /// `path` with runs of `/` made one and a trailing `/` removed (`/` itself stays).
    package static func fixingSlashes(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: "/")) else { return path }
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for b in path.utf8 where !(b == UInt8(ascii: "/") && out.last == UInt8(ascii: "/")) { out.append(b) }
        if out.count > 1, out.last == UInt8(ascii: "/") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// The last component: `a/b.gpkg` gives `b.gpkg`, `a/b/` gives `b`, `/` gives `/`.
    package static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" { return fixed }
        guard let slash = fixed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return fixed }
        return String(fixed[fixed.utf8.index(after: slash)...])
    }

    /// Everything before the last component: `a/b.gpkg` gives `a`, `/a` gives `/`, `a` gives "".
    package static func deletingLastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        guard let slash = fixed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        if slash == fixed.utf8.startIndex { return "/" }
        return String(fixed[..<slash])
    }

    /// Where the extension of an already fixed path starts (after its dot), if it has one.
    private static func extensionStart(_ fixed: String) -> String.Index? {
        let bytes = fixed.utf8
        let componentStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = bytes[componentStart...].lastIndex(of: UInt8(ascii: ".")),
              dot != componentStart, bytes.index(after: dot) != bytes.endIndex else { return nil }
        return bytes.index(after: dot)
    }

    /// The extension without its dot: `a/b.tar.gz` gives `gz`; `.profile` and `a.` give "".
    package static func pathExtension(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf8.count > 1, let start = extensionStart(fixed) else { return "" }
        return String(fixed[start...])
    }

    /// The path without its extension and dot: `a/b.tar.gz` gives `a/b.tar`. A trailing dot goes
    /// too (`a.` gives `a`), as with `NSString`; `.profile`, `.` and `..` stay whole.
    package static func deletingExtension(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" { return fixed }
        let bytes = fixed.utf8
        let componentStart = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        let component = bytes[componentStart...]
        guard !component.elementsEqual("..".utf8),
              let dot = component.lastIndex(of: UInt8(ascii: ".")), dot != componentStart else { return fixed }
        return String(fixed[..<dot])
    }
}

// MARK: Threads

/// A mutual-exclusion lock (a `pthread_mutex_t` that never moves), for classes that guard state
/// of their own.
package final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func lock() { pthread_mutex_lock(mutex) }
    package func unlock() { pthread_mutex_unlock(mutex) }

    /// `body`'s result, run holding the lock.
    @inline(__always)
    package func withLock<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A condition variable with its own lock, used as Foundation's `NSCondition` is: lock, wait
/// while the condition does not hold, signal or broadcast, unlock.
package final class Condition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let cond: UnsafeMutablePointer<pthread_cond_t>

    package init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        cond = .allocate(capacity: 1)
        cond.initialize(to: pthread_cond_t())
        pthread_cond_init(cond, nil)
    }

    deinit {
        pthread_cond_destroy(cond)
        cond.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    package func lock() { pthread_mutex_lock(mutex) }
    package func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for a signal, releasing the lock meanwhile (the caller holds it).
    package func wait() { pthread_cond_wait(cond, mutex) }
    package func signal() { pthread_cond_signal(cond) }
    package func broadcast() { pthread_cond_broadcast(cond) }
}

/// Threads started with a stack of a chosen size, as Foundation's `Thread` with `stackSize`.
package enum Threads {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    /// Starts `body` on a new detached thread with a stack of `stackSize` bytes (rounded up to
    /// whole pages). Stops the process when the system cannot start a thread, as `Thread` does.
    package static func detach(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        let page = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)
        pthread_attr_setstacksize(&attributes, (max(stackSize, 1 << 16) + page - 1) / page * page)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        let started = pthread_create(&thread, &attributes, { context in
            #if canImport(Darwin)
            let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
            #else
            let box = Unmanaged<Box>.fromOpaque(context!).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, context)
        if started != 0 {
            Unmanaged<Box>.fromOpaque(context).release()
            fatalError("cannot start a thread (error \(started))")
        }
    }
}

// MARK: Output and errors

/// Plain file descriptors: opening, reading a file's first bytes, writing whole buffers.
package enum RawFile {
    /// A new or emptied file opened for writing (mode 0666 less the umask), or `errno`.
    package static func create(_ path: String) -> Result<Int32, SystemError> {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        return fd < 0 ? .failure(SystemError(code: errno)) : .success(fd)
    }

    /// Up to `count` bytes from the start of the file at `path`, or nil when it cannot be read.
    package static func prefix(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { try? Self.close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            filled += n
        }
        return Array(bytes[..<filled])
    }

    /// Writes all of `buffer` to `fd` (a write cut short or interrupted goes on).
    package static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError(code: errno)
            }
            offset += n
        }
    }

    /// Closes `fd`, throwing what `close` reports.
    package static func close(_ fd: Int32) throws(SystemError) {
        #if canImport(Darwin)
        let result = Darwin.close(fd)
        #elseif canImport(Musl)
        let result = Musl.close(fd)
        #else
        let result = Glibc.close(fd)
        #endif
        if result != 0 { throw SystemError(code: errno) }
    }
}

/// An `errno` value, described as the C library describes it.
package struct SystemError: Error, CustomStringConvertible {
    package let code: Int32
    package init(code: Int32) { self.code = code }
    package var description: String { systemErrorText(code) }
}

/// Standard output and standard error, written whole; a failed write (a closed pipe) is ignored,
/// as Foundation's `FileHandle.write(_:)` on these streams does not report it either.
package enum StandardStreams {
    package static func writeError(_ text: String) { write(2, text) }
    package static func writeOutput(_ text: String) { write(1, text) }
    package static func writeOutput<Bytes: Collection<UInt8>>(bytes: Bytes) {
        let array = Array(bytes)
        array.withUnsafeBytes { try? RawFile.writeAll(1, $0) }
    }

    private static func write(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { try? RawFile.writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}

/// The C library's text for an `errno` value: `No such file or directory` for `ENOENT`.
package func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

// MARK: System calls by a name no type shadows

/// C's `read`, for code inside types that have a `read` of their own.
@inline(__always)
package func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// C's `write`, for code inside types that have a `write` of their own.
@inline(__always)
package func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// C's `close`, for code inside types that have a `close` of their own.
@inline(__always)
@discardableResult
package func posixClose(_ fd: Int32) -> Int32 {
    close(fd)
}

extension StringProtocol {
    /// The text with each `%XX` (two hexadecimal digits) replaced by the byte it names, as
    /// Foundation's `removingPercentEncoding`: nil when a `%` is not followed by two hexadecimal
    /// digits or the bytes are not UTF-8.
    package var percentDecoded: String? {
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        let bytes = Array(utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hex(bytes[i + 1]), let low = hex(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}

/// The path of the running program's file (Linux: `/proc/self/exe`; macOS:
/// `_NSGetExecutablePath`), as Foundation's `Bundle.main.executableURL`; nil if unknown.
package func runningExecutablePath() -> String? {
    #if canImport(Darwin)
    var size: UInt32 = 0
    _ = _NSGetExecutablePath(nil, &size)
    var buffer = [CChar](repeating: 0, count: Int(size) + 1)
    guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
    return String(cString: buffer)
    #else
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return nil }
    return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #endif
}

/// The size in bytes of the file at `path` (a symbolic link followed), or nil when it cannot be
/// examined.
package func fileByteCount(_ path: String) -> Int? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return Int(status.st_size)
}
