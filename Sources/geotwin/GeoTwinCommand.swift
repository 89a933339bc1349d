import ArgumentParser
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
    static func main() async {
        InterruptCleanup.installSignalHandlers()
        await main(nil)
    }
}
