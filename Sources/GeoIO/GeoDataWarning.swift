/// Something a write changed to fit the data into the output format (a renamed column, values
/// of mixed types sharing one column); the file is still written. One line naming the file,
/// the layer and the change.
public struct GeoDataWarning: Hashable, Sendable, CustomStringConvertible {
    /// The output file.
    public var path: String
    /// The layer.
    public var layer: String
    /// The column concerned, when one is.
    public var column: String?
    /// What was changed and why.
    public var message: String

    /// Creates a warning.
    public init(path: String, layer: String, column: String? = nil, message: String) {
        self.path = path
        self.layer = layer
        self.column = column
        self.message = message
    }

    /// The warning of a GeoPackage table written to `path`.
    public init(path: String, _ warning: GeoPackageWarning) {
        self.init(path: path, layer: warning.table, column: warning.column, message: warning.message)
    }

    /// `out.gpkg: layer l, column c: message`.
    public var description: String {
        "\(path): layer \(layer)" + (column.map { ", column \($0)" } ?? "") + ": \(message)"
    }
}
