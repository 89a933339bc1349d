#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import GeoCore

/// Batches of features handed from a reading thread to the thread that uses them.
public typealias FeatureBatchQueue = BatchQueue<Feature>

/// Batches handed from a reading thread to the thread that uses them: at most `capacity`
/// waiting; ``put(_:)`` waits for room and returns false once the taker has cancelled. The
/// reading thread ends with ``finish(_:)``, its error (if any) delivered after every batch it
/// put. The elements are features (``FeatureBatchQueue``), or features with what was prepared
/// from them on the reading thread (``GeoDataLayerStream/forEachFeature(preparing:_:)``).
public final class BatchQueue<Element>: @unchecked Sendable {
    private let condition = Condition()
    private var batches: [[Element]] = []
    private var head = 0
    private var finished = false
    private var failure: GeoDataError?
    private var cancelled = false
    private var takerWaited = false
    private let capacity: Int
    /// Batches the taker is done with, freed by the putting thread.
    private var spent: [[Element]] = []

    /// A queue holding at most `capacity` batches (at least 1).
    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Appends `batch`, waiting while the queue is full; false (and nothing added) once cancelled.
    public func put(_ batch: [Element]) -> Bool {
        condition.lock()
        while batches.count - head >= capacity, !cancelled { condition.wait() }
        guard !cancelled else {
            condition.unlock()
            return false
        }
        batches.append(batch)
        var freed: [[Element]] = []
        swap(&freed, &spent)
        condition.broadcast()
        condition.unlock()
        // The batches the taker has used are freed here, on the thread that made them.
        freed.removeAll()
        return true
    }

    /// Hands back a batch the taker has used: its features are freed by the next ``put(_:)``
    /// (on the reading thread, where they were made) rather than by the taker.
    public func recycle(_ batch: consuming [Element]) {
        condition.lock()
        spent.append(batch)
        condition.unlock()
    }

    /// No more batches; `error` when the reading failed.
    public func finish(_ error: GeoDataError?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, the reading's failure, or nil at its end; waits for one of them.
    public func take() -> Result<[Element], GeoDataError>? {
        condition.lock()
        defer { condition.unlock() }
        while batches.count == head, !finished {
            takerWaited = true
            condition.wait()
        }
        if batches.count > head {
            let batch = batches[head]
            batches[head] = []
            head += 1
            if head == batches.count {
                batches.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.broadcast()
            return .success(batch)
        }
        if let failure { return .failure(failure) }
        return nil
    }

    /// Runs `source` on the calling thread (the reading thread), putting its elements in
    /// batches of `batchSize`, then finishes the queue: with the source's error, if it failed,
    /// after the elements it read before (as a plain read hands them over). Once the taker has
    /// cancelled, the source is stopped by throwing `stopped` into it.
    public func fill(batchSize: Int, stopped: GeoDataError,
                     from source: ((Element) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void) {
        let size = max(1, batchSize)
        var batch: [Element] = []
        batch.reserveCapacity(size)
        do throws(GeoDataError) {
            try source { f throws(GeoDataError) in
                batch.append(f)
                if batch.count >= size {
                    guard put(batch) else { throw stopped }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty { _ = put(batch) }
            finish(nil)
        } catch {
            if !batch.isEmpty { _ = put(batch) }
            finish(error)
        }
    }

    /// Whether the taker has had to wait for a batch (having used up every batch put) since the
    /// last call: the putting side is then the slower one.
    public func takerWaitedSinceLastAsked() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        defer { takerWaited = false }
        return takerWaited
    }

    /// The taker stops: a waiting or later ``put(_:)`` returns false.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

extension GeoDataLayerStream {
    /// The same stream with its features read on a thread of their own, up to `batches` batches
    /// of `batchSize` features ahead of the function they are handed to, which runs on the
    /// calling thread: reading (parsing, decoding, reprojecting) and writing proceed side by side.
    /// The features, their order and the errors are those of the stream itself: a read error
    /// arrives after the features read before it; an error thrown by the function stops the
    /// reading thread, which is waited for before the error is rethrown.
    ///
    /// A writer can move more of its work to the reading thread with
    /// ``forEachFeature(preparing:_:)``.
    ///
    /// The stream's function must not need the calling thread: whatever it reads (a file source,
    /// a PROJ transformer) is used by the reading thread alone while the stream runs.
    public func readingAhead(batchSize: Int = 128, batches: Int = 4) -> GeoDataLayerStream {
        let plan = ReadAhead(source: readAhead?.source ?? forEachFeature, wkbSource: readAhead?.wkbSource ?? wkbSource,
                             batchSize: batchSize, batches: batches)
        var ahead = GeoDataLayerStream(name: name, crs: crs, statedCount: statedCount) { body throws(GeoDataError) in
            try plan.run(keepingWKB: false, preparing: { _, _ in () }) { f, _, _ throws(GeoDataError) in try body(f) }
        }
        ahead.readAhead = plan
        ahead.geoPackageRows = geoPackageRows
        return ahead
    }

    /// Streams the layer's GeoPackage rows (``geoPackageRows``; nothing when it has none) as
    /// ``forEachFeatureKeepingWKB(preparing:meanwhile:_:)`` streams its features: on a thread of
    /// their own when the stream reads ahead, each with `prepare` of it or nil, `meanwhile` run
    /// on the calling thread before the first.
    @inline(__always)
    public func forEachGeoPackageRow<Prepared>(preparing prepare: @escaping @Sendable (GeoPackageFeature, EncodedGeometry?) -> Prepared,
                                               meanwhile: () throws(GeoDataError) -> Void = {},
                                               _ body: (GeoPackageFeature, EncodedGeometry?, Prepared?) throws(GeoDataError) -> Void)
        throws(GeoDataError) {
        guard let rows = geoPackageRows else { return try meanwhile() }
        if let readAhead {
            return try ReadAhead.run(rows.forEachRow, batchSize: readAhead.batchSize, batches: readAhead.batches,
                                     preparing: prepare, meanwhile: meanwhile, body)
        }
        try meanwhile()
        try rows.forEachRow { (r, e) throws(GeoDataError) in try body(r, e, nil) }
    }

    /// Streams each feature like ``forEachFeature(preparing:_:)``, with the geometries the
    /// source holds as plain WKB left encoded when it can stream them so (``wkbSource``): such a
    /// feature comes without its geometry and the ``EncodedGeometry`` beside it; every other
    /// feature comes whole, with nil beside it. `prepare` is given the same two.
    ///
    /// `meanwhile` runs on the calling thread before the first feature comes: once the reading
    /// thread has started, when the stream reads ahead, so that work not needing the features
    /// (a writer making its file) overlaps their first reading. An error it throws stops the
    /// reading and is rethrown.
    @inline(__always)
    public func forEachFeatureKeepingWKB<Prepared>(preparing prepare: @escaping @Sendable (Feature, EncodedGeometry?) -> Prepared,
                                                   meanwhile: () throws(GeoDataError) -> Void = {},
                                                   _ body: (Feature, EncodedGeometry?, Prepared?) throws(GeoDataError) -> Void)
        throws(GeoDataError) {
        if let readAhead { return try readAhead.run(keepingWKB: true, preparing: prepare, meanwhile: meanwhile, body) }
        try meanwhile()
        if let wkbSource { return try wkbSource { (f, e) throws(GeoDataError) in try body(f, e, nil) } }
        try forEachFeature { (f) throws(GeoDataError) in try body(f, nil, nil) }
    }

    /// Streams each feature with the geometries the source holds as plain WKB left encoded, as
    /// ``forEachFeatureKeepingWKB(preparing:meanwhile:_:)`` does, preparing nothing.
    public func forEachFeatureKeepingWKB(_ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) {
        try forEachFeatureKeepingWKB(preparing: { _, _ in () }) { (f, e, _) throws(GeoDataError) in try body(f, e) }
    }

    /// Streams each feature, with `prepare(feature)` worked out where the feature is read when
    /// that helps: on the reading thread of a stream that reads ahead
    /// (``readingAhead(batchSize:batches:)``), while the thread consuming them is the slower
    /// one, which takes that work off it (a writer's geometries encoded while its own thread
    /// inserts rows). A batch read after the consumer had to wait for features, and every
    /// feature of a stream that does not read ahead, comes with nil: `body` then does that work
    /// itself. Which features come prepared depends on timing, so `body` must make the same of
    /// either. The features and errors are those of ``forEachFeature``; `prepare` must use
    /// nothing the calling thread uses meanwhile.
    public func forEachFeature<Prepared>(preparing prepare: @escaping @Sendable (Feature) -> Prepared,
                                         _ body: (Feature, Prepared?) throws(GeoDataError) -> Void) throws(GeoDataError) {
        guard let readAhead else {
            return try forEachFeature { (f) throws(GeoDataError) in try body(f, nil) }
        }
        try readAhead.run(keepingWKB: false, preparing: { f, _ in prepare(f) }) { (f, _, p) throws(GeoDataError) in try body(f, p) }
    }
}

extension GeoDataLayerStream.ReadAhead {
    /// Runs the source on a thread of its own, handing its features to `body` on the calling
    /// thread in batches, each with `prepare(feature)` or nil (see
    /// ``GeoDataLayerStream/forEachFeature(preparing:_:)``).
    /// With `keepingWKB`, the features come from ``wkbSource`` when there is one (their
    /// geometries left in WKB where the source holds them so), else each with nil.
    /// `meanwhile` runs on the calling thread once the reading thread has started.
    @inline(__always)
    func run<Prepared>(keepingWKB: Bool, preparing prepare: @escaping @Sendable (Feature, EncodedGeometry?) -> Prepared,
                       meanwhile: () throws(GeoDataError) -> Void = {},
                       _ body: (Feature, EncodedGeometry?, Prepared?) throws(GeoDataError) -> Void) throws(GeoDataError) {
        nonisolated(unsafe) let source: (_ body: (Feature, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void
        if keepingWKB, let wkbSource {
            source = wkbSource
        } else {
            let features = self.source
            source = { body throws(GeoDataError) in try features { (f) throws(GeoDataError) in try body(f, nil) } }
        }
        try Self.run(source, batchSize: batchSize, batches: batches, preparing: prepare, meanwhile: meanwhile, body)
    }

    /// Runs `source` on a thread of its own, handing what it yields (a feature or a GeoPackage
    /// row, with its geometry's WKB when kept) to `body` on the calling thread in batches of
    /// `batchSize`, at most `batches` ahead, each with `prepare` of it or nil (see
    /// ``GeoDataLayerStream/forEachFeature(preparing:_:)``). `meanwhile` runs on the calling
    /// thread once the reading thread has started.
    @inline(__always)
    static func run<Item, Prepared>(_ source: @escaping (_ body: (Item, EncodedGeometry?) throws(GeoDataError) -> Void) throws(GeoDataError) -> Void,
                                    batchSize: Int, batches: Int,
                                    preparing prepare: @escaping @Sendable (Item, EncodedGeometry?) -> Prepared,
                                    meanwhile: () throws(GeoDataError) -> Void,
                                    _ body: (Item, EncodedGeometry?, Prepared?) throws(GeoDataError) -> Void) throws(GeoDataError) {
        nonisolated(unsafe) let source = source
        let queue = BatchQueue<(Item, EncodedGeometry?, Prepared?)>(capacity: batches)
        let done = DispatchSemaphore(value: 0)
        // A stack as deep as the main thread's: readers recurse into nested geometries.
        Threads.detach(stackSize: 8 << 20) {
            defer { done.signal() }
            HugePageHeaps.adviseCallingThread()
            var read = 0
            var preparing = true
            queue.fill(batchSize: batchSize, stopped: .unsupported(path: "", reason: "reading stopped")) { put throws(GeoDataError) in
                try source { (item, e) throws(GeoDataError) in
                    // Decided batch by batch: a consumer that had to wait for the last batch gets
                    // the next one sooner unprepared; one that did not is the slower side.
                    if read % batchSize == 0, read > 0 { preparing = !queue.takerWaitedSinceLastAsked() }
                    read += 1
                    try put((item, e, preparing ? prepare(item, e) : nil))
                }
            }
        }
        defer {
            queue.cancel()
            done.wait()
        }
        try meanwhile()
        while let next = queue.take() {
            switch consume next {
            case .success(let batch):
                // Through the batch's buffer: each item lent to `body` where it lies, not copied
                // out of the batch (a copy retains its parts, which the reading thread made and
                // frees).
                try batch.withUnsafeBufferPointer { (items) throws(GeoDataError) in
                    for i in items.indices { try body(items[i].0, items[i].1, items[i].2) }
                }
                queue.recycle(batch)
            case .failure(let error):
                throw error
            }
        }
    }
}
