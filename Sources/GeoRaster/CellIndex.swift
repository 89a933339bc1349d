/// `x` rounded down to an integer, clamped to `lo...hi` before the conversion so that huge,
/// infinite or NaN coordinates never trap (NaN gives `lo`).
@inline(__always)
func floorIndex(_ x: Double, _ lo: Int, _ hi: Int) -> Int {
    guard x >= Double(lo) else { return lo }
    guard x <= Double(hi) else { return hi }
    return Int(x.rounded(.down))
}

/// `x` rounded up to an integer, clamped like ``floorIndex(_:_:_:)``.
@inline(__always)
func ceilIndex(_ x: Double, _ lo: Int, _ hi: Int) -> Int {
    guard x >= Double(lo) else { return lo }
    guard x <= Double(hi) else { return hi }
    return Int(x.rounded(.up))
}
