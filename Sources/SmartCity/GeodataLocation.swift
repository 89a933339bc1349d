#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GeoCore

/// Where GeoTwin finds its committed Geodata folder (the one holding `korea.gpkg`) at run time.
///
/// `korea.gpkg` (about 23 MB) is not a package resource: bundling it would copy it into the build
/// of every program that imports GeoTwin, including those that never open it. A program that
/// ships the data passes its location explicitly (``Geodata/init(folder:)``,
/// ``KoreaAtlas/init(geodata:)``, or `explicit` here) or sets `GEOTWIN_GEODATA`; inside a
/// checkout of GeoTwin the folder is found from the working directory or the executable.
/// The location of GeoTwin's sources at compile time is never consulted.
public enum GeodataLocation {
    /// The environment variable naming the Geodata folder (or the `korea.gpkg` file itself).
    public static let environmentVariable = "GEOTWIN_GEODATA"
    /// The GeoPackage file name inside the folder.
    public static let fileName = "korea.gpkg"

    /// The Geodata folder, searched in this order:
    /// 1. `explicit` (a folder, or the `korea.gpkg` file), when given;
    /// 2. `$GEOTWIN_GEODATA`;
    /// 3. walking up from the current directory to a folder with `Geodata/korea.gpkg`;
    /// 4. walking up from the running executable (e.g. `.build/release/geotwin`) likewise.
    /// - Throws: ``KoreaAtlasError/geodataNotFound(searched:)`` listing every place tried.
    public static func resolve(explicit: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(KoreaAtlasError) -> URL {
        var searched: [String] = []
        func folder(_ path: String) -> URL? {
            searched.append(path)
            let url = URL(fileURLWithPath: path)
            if url.lastPathComponent == fileName, FileManager.default.fileExists(atPath: url.path) {
                return url.deletingLastPathComponent()
            }
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(fileName).path) ? url : nil
        }
        if let explicit {
            if let url = folder(explicit) { return url }
            throw .geodataNotFound(searched: searched)
        }
        if let env = environment[environmentVariable], !env.isEmpty {
            if let url = folder(env) { return url }
            throw .geodataNotFound(searched: searched)
        }
        var starts = [FileManager.default.currentDirectoryPath]
        if let exe = runningExecutablePath().map(URL.init(fileURLWithPath:)) { starts.append(exe.resolvingSymlinksInPath().deletingLastPathComponent().path) }
        for start in starts {
            var dir = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                if let url = folder(dir.appendingPathComponent("Geodata").path) { return url }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw .geodataNotFound(searched: searched)
    }
}
