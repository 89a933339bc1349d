import Foundation
import Testing
@testable import GeoCore

/// ``HugePageHeaps`` advises a thread's glibc heap once, only when enabled, and the kernel then
/// lists the heap's mapping as eligible for huge pages (`hg` in `/proc/self/smaps`).
@Suite(.serialized) struct HugePageHeapsTests {
    /// The `VmFlags` of the mapping starting at `start`, from `/proc/self/smaps`.
    static func flags(ofMappingAt start: UInt) throws -> [String]? {
        // Read to its end: /proc files state no size.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            if let dash = line.firstIndex(of: "-"), let from = UInt(line[..<dash], radix: 16), line.contains(" ") {
                inside = from == start
                continue
            }
            if inside, line.hasPrefix("VmFlags:") { return line.dropFirst(8).split(separator: " ").map(String.init) }
        }
        return nil
    }

    /// Runs `body` on a thread of its own (a thread heap of its own, or one shared with others).
    static func onNewThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        nonisolated(unsafe) var result: Result<T, Error>?
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = Result { try body() }
            done.signal()
        }
        thread.start()
        done.wait()
        return try result!.get()
    }

    @Test func aThreadHeapIsAdvisedOnceWhenEnabled() throws {
        #if os(Linux)
        let heap = try Self.onNewThread { () -> (UInt, Int, Bool, Bool, Bool)? in
            guard let heap = HugePageHeaps.callingThreadHeap() else { return nil }
            HugePageHeaps.isEnabled = false
            let whileOff = HugePageHeaps.adviseCallingThread()
            HugePageHeaps.isEnabled = true
            defer { HugePageHeaps.isEnabled = false }
            _ = HugePageHeaps.adviseCallingThread()
            let again = HugePageHeaps.adviseCallingThread()
            return (heap.start, heap.length, whileOff, again, heap.start % (64 << 20) == 0)
        }
        let found = try #require(heap, "a new thread's heap is a glibc thread heap")
        #expect(!found.2, "nothing is advised while disabled")
        #expect(!found.3, "a heap is advised once")
        #expect(found.4)
        #expect(found.1 > 0 && found.1 <= 64 << 20)
        let flags = try #require(try Self.flags(ofMappingAt: found.0))
        // A kernel built without transparent huge pages refuses the advice.
        let thp = FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled")
        #expect(flags.contains("hg") == thp, "\(flags)")
        #endif
    }
}
