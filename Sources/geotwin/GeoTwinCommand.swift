import ArgumentParser
import CMalloc
import GeoTwin

/// `geotwin`: the GeoTwin command-line tool. Each subcommand lives in its own file.
@main
struct GeoTwinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geotwin",
        abstract: "Digital twins of Korean smart cities: inspect, convert, transform, index and map geodata.",
        subcommands: [
            InfoCommand.self,
            ConvertCommand.self,
            TransformCommand.self,
            LocateCommand.self,
            MapCommand.self,
            RolloutCommand.self,
            TwinCommand.self,
            ZonalCommand.self,
            RasterizeCommand.self,
            BenchCommand.self,
        ]
    )

    /// Installs the SIGINT/SIGTERM clean-up of temporary files, then runs the command.
    ///
    /// The command runs on a worker thread, whose malloc arena grows its heap a page run at a
    /// time: reading a national layer made about 3,400 `mprotect` calls. A 64 MiB top pad grows
    /// it in large steps instead (address space only; pages are still committed as touched).
    /// The heaps of the threads that stream layers get transparent huge pages (``HugePageHeaps``).
    static func main() async {
        _ = mallopt(M_TOP_PAD, 64 << 20)
        HugePageHeaps.isEnabled = true
        InterruptCleanup.installSignalHandlers()
        await main(nil)
    }
}
