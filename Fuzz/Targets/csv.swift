import GeoIO

/// RFC 4180 CSV records and the coordinate-column reader, with small read pieces so that
/// records straddle buffer refills.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let records = CSVReader(source: CSVMemorySource(bytes, pieceSize: 7), name: "fuzz.csv", bufferSize: 16)
    while (try? records.next()) == true {
        for i in 0..<records.count { _ = records.field(i) }
    }
    let csv = CSVReader(source: CSVMemorySource(bytes), name: "fuzz.csv", bufferSize: 64)
    if let points = try? CSVPointReader(csv: csv) {
        var chunk = CSVPointChunk()
        while (try? points.read(into: &chunk, maxRows: 64, problems: { _ in })) == true {}
    }
    return 0
}
