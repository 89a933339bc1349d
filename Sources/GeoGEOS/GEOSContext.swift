internal import CGEOS
internal import CLibraryLoader

/// One GEOS context handle and the messages GEOS reports through it.
///
/// The error and notice handlers receive a pointer to this object as their user data, so each
/// context keeps its own last message: nothing is shared between contexts. A context is used by
/// one thread at a time (it belongs to one ``GeometryEngine``).
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// The most recent error message GEOS reported, cleared by ``failure(_:)``.
    fileprivate(set) var lastError: String?
    /// The most recent notice GEOS reported (GEOS uses notices to explain invalid geometries).
    fileprivate(set) var lastNotice: String?

    init() throws(GEOSError) {
        // GEOS is loaded on first use (see CLibraryLoader): a missing library is an error here,
        // before any GEOS function is called.
        var message: UnsafePointer<CChar>?
        guard geotwin_load_geos(&message) != 0 else {
            throw GEOSError(operation: "load GEOS", message: message.map { String(cString: $0) } ?? "GEOS cannot be loaded")
        }
        guard let handle = GEOS_init_r() else {
            throw GEOSError(operation: "create context", message: "GEOS_init_r returned no context")
        }
        self.handle = handle
        let me = Unmanaged.passUnretained(self).toOpaque()
        GEOSContext_setErrorMessageHandler_r(handle, geosErrorHandler, me)
        GEOSContext_setNoticeMessageHandler_r(handle, geosNoticeHandler, me)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Forgets the last error, before a call whose failure is signalled by its return value.
    @inline(__always)
    func clearError() { lastError = nil }

    /// The error for a failed GEOS call: GEOS's message when it gave one.
    func failure(_ operation: String) -> GEOSError {
        let message = lastError.map(GEOSError.inWords) ?? "GEOS reported a failure without a message"
        lastError = nil
        return GEOSError(operation: operation, message: message)
    }

    /// Returns `pointer`, or throws the error GEOS reported when it is nil.
    func check(_ operation: String, _ pointer: OpaquePointer?) throws(GEOSError) -> OpaquePointer {
        guard let pointer else { throw failure(operation) }
        return pointer
    }

    /// Decodes a GEOS `char` predicate result: 1 true, 0 false, 2 (or anything else) an error.
    func check(_ operation: String, predicate result: CChar) throws(GEOSError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw failure(operation)
        }
    }

    /// Copies a GEOS-allocated C string and frees it with `GEOSFree_r`.
    func takeString(_ operation: String, _ pointer: UnsafeMutablePointer<CChar>?) throws(GEOSError) -> String {
        guard let pointer else { throw failure(operation) }
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}

private func geosErrorHandler(_ message: UnsafePointer<CChar>?, _ userdata: UnsafeMutableRawPointer?) {
    guard let userdata else { return }
    let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
    context.lastError = message.map { String(cString: $0) } ?? "GEOS error without a message"
}

private func geosNoticeHandler(_ message: UnsafePointer<CChar>?, _ userdata: UnsafeMutableRawPointer?) {
    guard let userdata else { return }
    let context = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
    context.lastNotice = message.map { String(cString: $0) }
}
