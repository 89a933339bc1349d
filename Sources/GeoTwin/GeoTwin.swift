// The umbrella module: `import GeoTwin` brings in every public GeoTwin library module
// (GeoBenchSupport, the benchmark and test data, is left out on purpose).
@_exported import GeoCore
@_exported import GeoIO
@_exported import GeoIndex
@_exported import GeoGEOS
@_exported import GeoIndexGEOS
@_exported import GeoProj
@_exported import GeoRender
@_exported import GeoRaster
@_exported import SmartCity
@_exported import GeoWorkflows
@_exported import GeoPostGIS
