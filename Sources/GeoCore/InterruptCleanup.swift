#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files being written right now, removed if the process is interrupted.
///
/// Every GeoTwin writer that writes atomically (a temporary file beside the destination, renamed
/// into place when complete) registers its temporary path here while it writes. A program that
/// calls ``installSignalHandlers()`` (the `geotwin` tool does, first thing) then leaves no
/// temporary or partial file behind on SIGINT (Ctrl-C) or SIGTERM, and never touches an existing
/// destination: the handler unlinks the registered paths, restores the default action and raises
/// the signal again, so the process still ends as interrupted (exit status 130 or 143 in a shell).
///
/// ```swift
/// InterruptCleanup.installSignalHandlers()
/// let temp = "out/.map.svg.tmp"
/// InterruptCleanup.register(temp)
/// defer { InterruptCleanup.unregister(temp) }
/// ```
///
/// The table holds ``capacity`` paths; registering more leaves the extra ones unprotected (they
/// are still removed by their writer on an ordinary failure).
public enum InterruptCleanup {
    /// How many temporary paths can be registered at once.
    public static let capacity = 64

    /// Slots of C strings (`strdup`), read by the signal handler without locking: a slot is set
    /// to a complete string or to nil in one pointer store.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()

    /// Serialises registration (the handler itself never takes it).
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    /// Records `path` as a temporary file to remove on SIGINT or SIGTERM.
    public static func register(_ path: String) {
        guard let copy = strdup(path) else { return }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = copy
            return
        }
        free(copy)
    }

    /// Forgets `path` (after it was renamed into place or removed).
    public static func unregister(_ path: String) {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        for i in 0..<capacity {
            guard let p = slots[i], strcmp(p, path) == 0 else { continue }
            slots[i] = nil
            free(p)
            return
        }
    }

    /// The paths registered now (for tests and diagnostics).
    public static var registeredPaths: [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }

    /// Installs the SIGINT and SIGTERM handlers that remove the registered files and then end
    /// the process by the same signal. Call it once, early, from a program's entry point.
    public static func installSignalHandlers() {
        _ = slots
        _ = lock
        for signalNumber in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = interruptHandler
            #else
            action.__sigaction_handler.sa_handler = interruptHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }
}

/// The signal handler: only async-signal-safe calls (unlink, sigaction, raise).
private func interruptHandler(_ signalNumber: Int32) {
    for i in 0..<InterruptCleanup.capacity {
        if let p = InterruptCleanup.slot(i) { unlink(p) }
    }
    var action = sigaction()
    #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = SIG_DFL
    #else
    action.__sigaction_handler.sa_handler = SIG_DFL
    #endif
    sigemptyset(&action.sa_mask)
    sigaction(signalNumber, &action, nil)
    raise(signalNumber)
}

extension InterruptCleanup {
    /// The C string in slot `i` (read by the handler).
    fileprivate static func slot(_ i: Int) -> UnsafeMutablePointer<CChar>? { slots[i] }
}
