internal import CGEOS
internal import CPROJ
internal import CLibraryLoader
internal import CSQLite
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

/// The machine and library versions a report was measured with.
public struct MachineInfo: Codable, Hashable, Sendable {
    /// The host name.
    public var host: String
    /// The CPU model (`/proc/cpuinfo` on Linux, `sysctl machdep.cpu.brand_string` on macOS).
    public var cpu: String
    /// Logical cores available.
    public var cores: Int
    /// Physical memory in GiB.
    public var memoryGiB: Double
    /// The operating system.
    public var os: String
    /// The load averages (1, 5, 15 minutes) when the report was started.
    public var loadAverage: [Double]
    /// GEOS, PROJ and SQLite versions as linked.
    public var libraries: [String: String]

    /// The current machine.
    public static func current() -> MachineInfo {
        let info = ProcessInfo.processInfo
        var load = [Double](repeating: 0, count: 3)
        _ = getloadavg(&load, 3)
        return MachineInfo(host: info.hostName, cpu: cpuModel(), cores: info.activeProcessorCount,
                           memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                           os: osName(), loadAverage: load.map { ($0 * 100).rounded() / 100 },
                           libraries: ["GEOS": geotwin_load_geos(nil) != 0 ? String(cString: GEOSversion()) : "not available",
                                       "PROJ": geotwin_load_proj(nil) != 0 ? String(cString: proj_info().release) : "not available",
                                       "SQLite": String(cString: sqlite3_libversion())])
    }

    enum CodingKeys: String, CodingKey {
        case host, cpu, cores, memoryGiB = "memory_gib", os, loadAverage = "load_average", libraries
    }

    private static func cpuModel() -> String {
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            return line[line.index(after: colon)...].trimmingWhitespaces()
        }
        return "unknown CPU"
    }

    private static func osName() -> String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            return line.dropFirst("PRETTY_NAME=".count).trimmingScalars(in: Set("\"".unicodeScalars))
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }
}
