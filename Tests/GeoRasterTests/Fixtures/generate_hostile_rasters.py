#!/usr/bin/env python3
"""Writes the hostile raster inputs under hostile/: small files whose headers lie.

Standard library only; run from this folder: python3 generate_hostile_rasters.py

- huge_tiles.tif: a 16 x 16 8-bit image whose TileWidth and TileLength are 1,048,576
  (one tile would be 1 TiB); GDAL refuses it, GeoTwin must too, before allocating.
- overflow_tiles.tif: 64-bit float tiles of 4,294,967,280 x 4,294,967,280 cells (the tile's byte
  count overflows 64-bit integers).
- not_tiff.tif: text, not a TIFF; short_header.tif: the 4 bytes "II*\\0", shorter than a TIFF
  header: both "not a TIFF file".
- truncated_tile.tif: a 16 x 16 8-bit tile whose 256 bytes are declared to start 200 bytes
  before the end of the file: "truncated or damaged", tile 0.
- unknown_compression.tif: Compression 33333, which no libtiff knows: "compression is not
  supported".
- ASCII grids with a NaN or infinite corner, a zero or negative cell size, and a header
  promising 10^12 cells (beyond GeoTwin's cap) or 10^6 cells in a file of a few bytes.
"""
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def tiff(path, width, length, tile_width, tile_length, bits, sample_format, payload, compression=1, shift=0):
    """A little-endian classic TIFF with one tile whose bytes are `payload`."""
    entries = [
        (256, 4, 1, width),            # ImageWidth, LONG
        (257, 4, 1, length),           # ImageLength
        (258, 3, 1, bits),             # BitsPerSample, SHORT
        (259, 3, 1, compression),      # Compression (1: none)
        (262, 3, 1, 1),                # Photometric min-is-black
        (277, 3, 1, 1),                # SamplesPerPixel
        (322, 4, 1, tile_width),       # TileWidth
        (323, 4, 1, tile_length),      # TileLength
        (324, 4, 1, 0),                # TileOffsets (patched below)
        (325, 4, 1, len(payload)),     # TileByteCounts
        (339, 3, 1, sample_format),    # SampleFormat
    ]
    ifd_offset = 8
    ifd_size = 2 + 12 * len(entries) + 4
    data_offset = ifd_offset + ifd_size
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_offset))
    out += struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        if tag == 324:
            value = data_offset + shift
        if typ == 3:
            out += struct.pack("<HHIHH", tag, typ, count, value, 0)
        else:
            out += struct.pack("<HHII", tag, typ, count, value)
    out += struct.pack("<I", 0)
    out += payload
    with open(path, "wb") as f:
        f.write(out)


def text(path, body):
    with open(path, "w", newline="\n") as f:
        f.write(body)


def main():
    os.makedirs(HERE, exist_ok=True)
    tiff(os.path.join(HERE, "huge_tiles.tif"), 16, 16, 1 << 20, 1 << 20, 8, 1, bytes(256))
    tiff(os.path.join(HERE, "overflow_tiles.tif"), 16, 16, 0xFFFFFFF0, 0xFFFFFFF0, 64, 3, bytes(2048))
    text(os.path.join(HERE, "not_tiff.tif"), "this is not a TIFF file\n")
    with open(os.path.join(HERE, "short_header.tif"), "wb") as f:
        f.write(b"II*\x00")
    tiff(os.path.join(HERE, "truncated_tile.tif"), 16, 16, 16, 16, 8, 1, bytes(256), shift=200)
    tiff(os.path.join(HERE, "unknown_compression.tif"), 16, 16, 16, 16, 8, 1, bytes(256), compression=33333)
    values = "1 2\n3 4\n"
    text(os.path.join(HERE, "nan_corner.asc"),
         "ncols 2\nnrows 2\nxllcorner nan\nyllcorner 0\ncellsize 1\n" + values)
    text(os.path.join(HERE, "inf_corner.asc"),
         "ncols 2\nnrows 2\nxllcorner 0\nyllcorner -inf\ncellsize 1\n" + values)
    text(os.path.join(HERE, "zero_cellsize.asc"),
         "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 0\n" + values)
    text(os.path.join(HERE, "negative_dx.asc"),
         "ncols 2\nnrows 2\nxllcorner 0\nyllcorner 0\ndx -1\ndy 1\n" + values)
    text(os.path.join(HERE, "short_body.asc"),
         "ncols 1000\nnrows 1000\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + values)
    text(os.path.join(HERE, "huge_header.asc"),
         "ncols 1000000\nnrows 1000000\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + values)


if __name__ == "__main__":
    main()
