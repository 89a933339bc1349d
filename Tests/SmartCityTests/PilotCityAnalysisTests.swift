import Foundation
import GeoCore
import SmartCity
import Testing

@Suite struct PilotCityAnalysisTests {
    func centre(_ f: Feature) -> Coordinate {
        let b = f.geometry!.boundingBox
        return Coordinate((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
    }

    @Test func hubAccessMatchesBruteForce() {
        let twin = sejongTwin
        let access = PilotCityAnalysis.hubAccess(twin)
        let hubs = twin.layer(.mobilityHubs).features.features.map(centre)
        let brute = twin.layer(.buildings).features.features.map { b -> Double in
            let p = centre(b)
            return hubs.map { hypot($0.x - p.x, $0.y - p.y) }.min()! * PilotCityAnalysis.walkingDetour
        }
        #expect(access.distances.count == brute.count)
        for (a, b) in zip(access.distances, brute) { #expect(abs(a - b) < 1e-6) }
        let share = Double(brute.filter { $0 <= 300 }.count) / Double(brute.count)
        #expect(abs(access.buildingShareWithin300 - share) < 1e-12)
    }

    @Test func responseMatchesTheDocumentedModel() {
        let twin = busanTwin
        let station = centre(twin.layer(.fireStations).features.features[0])
        let buildings = twin.layer(.buildings).features.features
        let travel = buildings.map { b -> Double in
            let p = centre(b)
            return hypot(p.x - station.x, p.y - station.y) * 1.3 / (30_000.0 / 3600)
        }
        let mean = travel.reduce(0, +) / Double(travel.count)
        let result = PilotCityAnalysis.responseCoverage(twin)
        #expect(result.map(\.dispatchLabel) == ["7:26", "5:58"])
        for r in result {
            let n = travel.filter { Double(r.dispatchSeconds) + $0 - mean <= 420 }.count
            #expect(r.buildingsWithin == n)
        }
        #expect(result[1].buildingShare > result[0].buildingShare)
    }

    @Test func cctvCoverageBounds() throws {
        var twin = sejongTwin
        let full = try PilotCityAnalysis.cctvCoverage(twin)
        #expect(full.streetShare > 0.2 && full.streetShare < 1 && full.blockShare > 0 && full.blockShare < full.streetShare)
        // One camera far away covers nothing.
        try twin.replace(.cctv, withWGS84: FeatureCollection([Feature(geometry: .point(Point(Coordinate(126.0, 34.0))), properties: [:])]))
        let none = try PilotCityAnalysis.cctvCoverage(twin)
        #expect(none.streetShare == 0 && none.blockShare == 0)
    }

    @Test func densityConservesResidents() throws {
        let d = try PilotCityAnalysis.densitySurface(sejongTwin)
        let total = d.raster.cells.reduce(0, +) / (10_000 / (d.cellMetres * d.cellMetres))
        #expect(abs(total - Double(sejongTwin.plan.residents)) < 1e-6)
        #expect(d.maxPerHectare >= d.meanPerHectare && d.meanPerHectare > 0)
    }
}
