import Foundation

/// A per-process scratch file for targets that need a path (libtiff and SQLite open files).
enum FuzzScratch {
    static func path(_ ext: String) -> String {
        NSTemporaryDirectory() + "geotwin-fuzz-\(getpid()).\(ext)"
    }
}
