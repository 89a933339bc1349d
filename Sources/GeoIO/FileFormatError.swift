#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An error in the bytes of a binary file (a Shapefile's `.shp`, `.shx` or `.dbf`, a FlatGeobuf
/// file): the file, the place inside it and the problem, in one line.
///
/// ```
/// roads.dbf: record 12, field NAME (byte 4215): 'x12' is not a number
/// ```
public struct FileFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where in the file the problem is.
    public enum Place: Hashable, Sendable, CustomStringConvertible {
        /// The file as a whole (a missing companion file, an unknown encoding).
        case file
        /// A byte offset from the start of the file, counted from 0.
        case byte(Int)
        /// A record (1-based, as the Shapefile numbers them; the feature index + 1 for FlatGeobuf)
        /// starting at byte `byte`.
        case record(Int, byte: Int)
        /// One field of one record (1-based), at byte `byte` of the file.
        case field(record: Int, field: String, byte: Int)

        /// `byte 17`, `record 3 (byte 212)` or `record 3, field NAME (byte 4215)`.
        public var description: String {
            switch self {
            case .file: "file"
            case .byte(let b): "byte \(b)"
            case .record(let r, let b): "record \(r) (byte \(b))"
            case .field(let r, let f, let b): "record \(r), field \(f) (byte \(b))"
            }
        }
    }

    /// The file, as the user gave it or as derived from it (the `.dbf` beside a `.shp`).
    public var path: String
    /// Where the problem is.
    public var place: Place
    /// What is wrong, in a few words.
    public var problem: String

    /// Creates an error.
    public init(path: String, place: Place, problem: String) {
        self.path = path
        self.place = place
        self.problem = problem
    }

    /// `path: place: problem` (the place left out when it is the whole file).
    public var description: String {
        place == .file ? "\(path): \(problem)" : "\(path): \(place): \(problem)"
    }
}

extension Data {
    /// `body` over the bytes, its typed error passed through.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws(FileFormatError) -> R) throws(FileFormatError) -> R {
        let result: Result<R, FileFormatError> = withUnsafeBytes { raw in Result { () throws(FileFormatError) in try body(raw) } }
        return try result.get()
    }
}
