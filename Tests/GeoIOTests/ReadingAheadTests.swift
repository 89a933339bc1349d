import Foundation
import GeoCore
import Testing
@testable import GeoIO

/// A stream read ahead on its own thread hands over the same features in the same order, its
/// read error after the features read before it, and stops its reading thread when the function
/// it feeds throws; it can be started again.
@Suite struct ReadingAheadTests {
    static func features(_ n: Int) -> [Feature] {
        (0..<n).map { i in
            Feature(id: .int(Int64(i)), geometry: .point(Point(Coordinate(Double(i), -Double(i)))),
                    properties: ["i": .int(Int64(i))])
        }
    }

    /// Counts what the source hands out and whether a pass is running, from whichever thread.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var _handedOut = 0
        private var _running = false
        var handedOut: Int { lock.withLock { _handedOut } }
        var running: Bool { lock.withLock { _running } }
        func begin() { lock.withLock { _running = true } }
        func end() { lock.withLock { _running = false } }
        func handOut() { lock.withLock { _handedOut += 1 } }
    }

    static func stream(_ features: [Feature], failAt: Int? = nil, tally: Tally) -> GeoDataLayerStream {
        GeoDataLayerStream(name: "l", crs: .wgs84) { body throws(GeoDataError) in
            tally.begin()
            defer { tally.end() }
            for (i, f) in features.enumerated() {
                if i == failAt { throw GeoDataError.unreadable(path: "in.fgb", reason: "feature \(i) is cut short") }
                tally.handOut()
                try body(f)
            }
        }
    }

    @Test(arguments: [0, 1, 127, 128, 129, 1_000, 5_003])
    func sameFeaturesInOrder(count: Int) throws {
        let features = Self.features(count)
        let tally = Tally()
        let ahead = Self.stream(features, tally: tally).readingAhead(batchSize: 128, batches: 2)
        var seen: [Feature] = []
        try ahead.forEachFeature { seen.append($0) }
        #expect(seen == features)
        #expect(!tally.running)
        // Again, as a writer starting over does.
        seen = []
        try ahead.forEachFeature { seen.append($0) }
        #expect(seen == features)
        #expect(try ahead.read().features == features)
    }

    @Test(arguments: [0, 5, 128, 700])
    func readErrorComesAfterTheFeaturesBeforeIt(failAt: Int) {
        let features = Self.features(1_000)
        let ahead = Self.stream(features, failAt: failAt, tally: Tally()).readingAhead(batchSize: 128, batches: 2)
        var seen: [Feature] = []
        #expect(throws: GeoDataError.unreadable(path: "in.fgb", reason: "feature \(failAt) is cut short")) {
            try ahead.forEachFeature { seen.append($0) }
        }
        #expect(seen == Array(features.prefix(failAt)))
    }

    @Test func anErrorOfTheBodyStopsTheReadingThread() {
        let features = Self.features(100_000)
        let tally = Tally()
        let ahead = Self.stream(features, tally: tally).readingAhead(batchSize: 64, batches: 2)
        var seen = 0
        #expect(throws: GeoDataError.unsupported(path: "out.fgb", reason: "full")) {
            try ahead.forEachFeature { _ throws(GeoDataError) in
                seen += 1
                if seen == 300 { throw GeoDataError.unsupported(path: "out.fgb", reason: "full") }
            }
        }
        // The pass has ended when the error arrives, having read at most the queue's worth beyond it.
        #expect(!tally.running)
        let handedOut = tally.handedOut
        #expect(handedOut >= 300 && handedOut <= 300 + 64 * 4, "\(handedOut)")
        #expect(tally.handedOut == handedOut)
    }

    /// The thread a call runs on, for comparing.
    static func thread() -> UInt { UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(bitPattern: UInt(pthread_self())))) }

    @Test(arguments: [0, 1, 129, 2_003])
    func preparedOnTheReadingThread(count: Int) throws {
        let features = Self.features(count)
        let caller = Self.thread()
        let ahead = Self.stream(features, tally: Tally()).readingAhead(batchSize: 64, batches: 2)
        var seen: [Feature] = []
        var prepared = 0
        try ahead.forEachFeature(preparing: { f in (f.id, Self.thread()) }) { f, made in
            seen.append(f)
            if let made {
                prepared += 1
                #expect(made.0 == f.id)
                #expect(made.1 != caller)
            }
            // A consumer slower than the reading: the queue stays full, so after the first
            // batches every feature comes prepared.
            usleep(20)
        }
        #expect(seen == features)
        #expect(prepared >= count - 2 * 64, "\(prepared) of \(count)")
        // A stream that does not read ahead leaves the work to the body.
        seen = []
        try Self.stream(features, tally: Tally()).forEachFeature(preparing: { f in f.id }) { f, made in
            seen.append(f)
            #expect(made == nil)
        }
        #expect(seen == features)
    }

    @Test func aPreparedStreamKeepsTheErrorsOfThePlainOne() {
        let features = Self.features(1_000)
        let ahead = Self.stream(features, failAt: 300, tally: Tally()).readingAhead(batchSize: 64, batches: 2)
        var seen = 0
        #expect(throws: GeoDataError.unreadable(path: "in.fgb", reason: "feature 300 is cut short")) {
            try ahead.forEachFeature(preparing: { $0.id }) { _, _ in seen += 1 }
        }
        #expect(seen == 300)
        let tally = Tally()
        let stopping = Self.stream(features, tally: tally).readingAhead(batchSize: 64, batches: 2)
        #expect(throws: GeoDataError.unsupported(path: "out.gpkg", reason: "full")) {
            try stopping.forEachFeature(preparing: { $0.id }) { _, _ throws(GeoDataError) in
                throw GeoDataError.unsupported(path: "out.gpkg", reason: "full")
            }
        }
        #expect(!tally.running)
    }

    @Test func aStreamGivenItsOwnFunctionNoLongerReadsAhead() throws {
        let caller = Self.thread()
        var ahead = Self.stream(Self.features(10), tally: Tally()).readingAhead(batchSize: 4, batches: 2)
        let others = Self.features(3)
        ahead.forEachFeature = { body throws(GeoDataError) in for f in others { try body(f) } }
        var seen: [Feature] = []
        try ahead.forEachFeature(preparing: { _ in Self.thread() }) { f, thread in
            seen.append(f)
            #expect(thread == nil && Self.thread() == caller)
        }
        #expect(seen == others)
    }

    @Test func queueDeliversBatchesThenTheFailure() throws {
        let queue = FeatureBatchQueue(capacity: 2)
        let batch = Self.features(3)
        #expect(queue.put(batch))
        #expect(queue.put([]))
        // A used batch handed back waits to be freed by the next put; it is not taken again.
        let first = try queue.take()?.get()
        #expect(first == batch)
        queue.recycle(first ?? [])
        #expect(queue.put(Self.features(1)))
        queue.finish(.unreadable(path: "a", reason: "b"))
        #expect(try queue.take()?.get() == [])
        #expect(try queue.take()?.get() == Self.features(1))
        #expect(throws: GeoDataError.unreadable(path: "a", reason: "b")) { try queue.take()?.get() }
        queue.cancel()
        #expect(!queue.put(batch))
    }
}
