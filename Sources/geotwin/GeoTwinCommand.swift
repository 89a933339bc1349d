import ArgumentParser
import GeoTwin

/// `geotwin`: the GeoTwin command-line tool. Each subcommand lives in its own file.
@main
struct GeoTwinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geotwin",
        abstract: "Digital twins of Korean smart cities: inspect, convert, transform, index and map geodata.",
        subcommands: [
            TransformCommand.self,
            MapCommand.self,
            InfoCommand.self,
            ConvertCommand.self,
            LocateCommand.self,
            RolloutCommand.self,
            TwinCommand.self,
            ZonalCommand.self,
            RasterizeCommand.self,
            BenchCommand.self,
        ]
    )
}
