import Foundation
import Testing
@testable import GeoRaster

@Suite struct PNGEncoderTests {
    @Test func knownChecksums() {
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func structureAndStoredPixels() {
        let pixels: [UInt8] = [1, 2, 3, 4, 5, 6]
        let png = [UInt8](PNGEncoder.greyscale(pixels, width: 3, height: 2))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0, 3, 0, 0, 0, 2])
        // IDAT payload: zlib header, one final stored block of 8 bytes (2 rows of filter + 3 pixels).
        let idat = 8 + 25 + 8
        #expect(Array(png[(idat - 4)..<idat]) == Array("IDAT".utf8))
        #expect(Array(png[idat..<(idat + 7)]) == [0x78, 0x01, 1, 8, 0, 0xF7, 0xFF])
        #expect(Array(png[(idat + 7)..<(idat + 15)]) == [0, 1, 2, 3, 0, 4, 5, 6])
        #expect(Array(png.suffix(8)) == Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82])
    }
}
