internal import CPROJ
internal import CLibraryLoader

/// One PROJ context (`PJ_CONTEXT`), owned by one object and used by one thread at a time.
/// Network access (remote grids) is switched off and PROJ's own logging is silenced: failures
/// reach the caller as ``ProjError`` values instead.
final class ProjContext {
    let pointer: OpaquePointer

    init() throws(ProjError) {
        try Self.requireLibrary()
        guard let pointer = proj_context_create() else {
            throw .contextUnavailable(message: "proj_context_create returned no context")
        }
        proj_context_set_enable_network(pointer, 0)
        proj_log_level(pointer, PJ_LOG_NONE)
        self.pointer = pointer
    }

    deinit {
        proj_context_destroy(pointer)
    }

    /// Loads PROJ's library (on first use; see CLibraryLoader), or throws the reason it cannot.
    static func requireLibrary() throws(ProjError) {
        var message: UnsafePointer<CChar>?
        guard geotwin_load_proj(&message) == 0 else { return }
        throw .contextUnavailable(message: message.map { String(cString: $0) } ?? "PROJ is not available")
    }

    /// PROJ's text for the context's current error number.
    var errorMessage: String {
        let code = proj_context_errno(pointer)
        guard code != 0 else { return "PROJ gave no reason" }
        return ProjErrorText.text(code: code, projText: proj_context_errno_string(pointer, code).map { String(cString: $0) })
    }

    /// A new PROJ object (owned by the caller, destroyed with `proj_destroy`) from a definition.
    func create(_ definition: String) -> OpaquePointer? {
        proj_create(pointer, definition)
    }
}
