#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoCore

/// One line for an error Foundation's file calls throw (`Data(contentsOf:)`,
/// `FileManager`): the system's own words for the `errno` behind it when there is one
/// ("No such file or directory", "Is a directory"), else the error as Swift describes it.
package func fileErrorText(_ error: any Error) -> String {
    if let posix = error as? POSIXError { return systemErrorText(posix.code.rawValue) }
    if let cocoa = error as? CocoaError {
        if let underlying = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
            return systemErrorText(underlying.code.rawValue)
        }
        switch cocoa.code {
        case .fileReadNoSuchFile, .fileNoSuchFile: return systemErrorText(ENOENT)
        case .fileReadNoPermission, .fileWriteNoPermission: return systemErrorText(EACCES)
        default: return "error \(cocoa.code.rawValue)"
        }
    }
    return "\(error)"
}
