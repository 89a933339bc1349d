import Foundation

/// Geodesic distance on the WGS84 ellipsoid (Vincenty's inverse formula), used by the scale
/// bar to measure the map at the centre of the frame.
public enum GeodesicDistance {
    /// The distance in metres between two positions given in degrees (longitude, latitude).
    ///
    /// Accurate to well under a millimetre for the distances on a map; for nearly antipodal
    /// points where the iteration does not converge it falls back to the haversine distance on
    /// the mean sphere (error below 0.5 %).
    public static func metres(from a: (longitude: Double, latitude: Double),
                              to b: (longitude: Double, latitude: Double)) -> Double {
        let majorAxis = 6_378_137.0
        let flattening = 1 / 298.257223563
        let minorAxis = (1 - flattening) * majorAxis
        let rad = Double.pi / 180
        let lambdaDelta = (b.longitude - a.longitude) * rad
        let u1 = atan((1 - flattening) * tan(a.latitude * rad))
        let u2 = atan((1 - flattening) * tan(b.latitude * rad))
        let sinU1 = sin(u1), cosU1 = cos(u1), sinU2 = sin(u2), cosU2 = cos(u2)
        var lambda = lambdaDelta
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let sinSigma = ((cosU2 * sinLambda) * (cosU2 * sinLambda)
                + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda)).squareRoot()
            if sinSigma == 0 { return 0 }
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cosSqAlpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0
            let c = flattening / 16 * cosSqAlpha * (4 + flattening * (4 - 3 * cosSqAlpha))
            let previous = lambda
            lambda = lambdaDelta + (1 - c) * flattening * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let uSq = cosSqAlpha * (majorAxis * majorAxis - minorAxis * minorAxis) / (minorAxis * minorAxis)
                let bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
                let bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
                let deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                    - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return minorAxis * bigA * (sigma - deltaSigma)
            }
        }
        return haversine(from: a, to: b)
    }

    /// Great-circle distance in metres on a sphere of radius 6,371,008.8 m.
    public static func haversine(from a: (longitude: Double, latitude: Double),
                                 to b: (longitude: Double, latitude: Double)) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * rad) * cos(b.latitude * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.8 * asin(Swift.min(1, h.squareRoot()))
    }
}
