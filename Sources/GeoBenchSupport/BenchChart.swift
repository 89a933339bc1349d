#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import GeoRender

/// The chart of a report: one row per measure with a peer, grouped by suite, a dot at the median
/// ratio peer / GeoTwin with a whisker from the smallest to the largest pairwise ratio, on a
/// logarithmic axis with a line at 1x (right of it GeoTwin is faster). Written with GeoRender's
/// ``SVGWriter``.
public enum BenchChart {
    /// The chart as SVG text.
    public static func svg(_ report: BenchReport) -> String {
        let writer = SVGWriter()
        draw(report, writer)
        return writer.text
    }

    /// Writes the chart to `path`.
    public static func write(_ report: BenchReport, to path: String) throws {
        let writer = try SVGWriter(path: path)
        draw(report, writer)
        try writer.finish()
    }

    private struct Row {
        var label: String
        var ratio: BenchRatio?
        var isHeading: Bool
    }

    private static func rows(_ report: BenchReport) -> [Row] {
        var rows: [Row] = []
        for suite in report.suites {
            let measured = suite.measures.filter { $0.ratio != nil }
            guard !measured.isEmpty else { continue }
            rows.append(Row(label: suite.suite + (suite.status == .error ? " (disagreement)" : ""), ratio: nil, isHeading: true))
            for m in measured {
                let scope = m.scope == .wholeProcess ? " [whole process]" : ""
                rows.append(Row(label: "\(m.name) vs \(m.peer ?? "")\(scope)", ratio: m.ratio, isHeading: false))
            }
        }
        return rows
    }

    private static func draw(_ report: BenchReport, _ w: SVGWriter) {
        let rows = rows(report)
        let labelWidth = 430.0, plotWidth = 420.0, rowHeight = 20.0, top = 58.0
        let width = labelWidth + plotWidth + 40, height = top + Double(max(rows.count, 1)) * rowHeight + 46
        let ratios = rows.compactMap(\.ratio).flatMap { [$0.min, $0.max] }.filter { $0 > 0 && $0.isFinite }
        var lo = floor(log10(min(ratios.min() ?? 0.5, 0.5))), hi = ceil(log10(max(ratios.max() ?? 2, 2)))
        if hi - lo < 1 { hi = lo + 1 }
        lo = max(lo, -4)
        hi = min(hi, 6)
        func x(_ ratio: Double) -> Double {
            let l = min(max(log10(max(ratio, 1e-12)), lo), hi)
            return labelWidth + (l - lo) / (hi - lo) * plotWidth
        }
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")
        w.attribute("width", width, decimals: 0)
        w.attribute("height", height, decimals: 0)
        w.attribute("viewBox", "0 0 \(Int(width)) \(Int(height))")
        w.attribute("font-family", "Helvetica, Arial, sans-serif")
        w.attribute("font-size", "12")
        w.raw(">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        text(w, 12, 22, "GeoTwin against its peers: ratio peer / GeoTwin (right of 1x: GeoTwin faster)", bold: true, size: 14)
        let load = report.machine.loadAverage.first ?? 0
        let loaded = load > Double(report.machine.cores) ? String(cFormat: ", shared machine under load %.1f", load) : ""
        text(w, 12, 40, "\(report.date), \(report.machine.cpu), \(report.machine.cores) cores\(loaded)\(report.quick ? ", quick sizes" : "")"
             + "; dot: median, whisker: min–max of pairs", size: 11, fill: "#555555")
        // Decades and the 1x line.
        let bottom = top + Double(rows.count) * rowHeight
        var decade = lo
        while decade <= hi {
            let xd = x(pow(10, decade))
            line(w, xd, top - 4, xd, bottom, stroke: decade == 0 ? "#222222" : "#dddddd", width: decade == 0 ? 1.5 : 1)
            let label = decade >= 0 ? "\(Int(pow(10, decade)))x" : String(cFormat: "%gx", pow(10, decade))
            text(w, xd, bottom + 16, label, anchor: "middle", size: 11)
            decade += 1
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight + rowHeight / 2
            if row.isHeading {
                text(w, 12, y + 4, row.label, bold: true)
                continue
            }
            text(w, 24, y + 4, row.label, size: 11)
            guard let r = row.ratio else { continue }
            let colour = r.median >= 1 ? "#1a9850" : "#d73027"
            line(w, x(r.min), y, x(r.max), y, stroke: colour, width: 1.5)
            line(w, x(r.min), y - 4, x(r.min), y + 4, stroke: colour, width: 1.5)
            line(w, x(r.max), y - 4, x(r.max), y + 4, stroke: colour, width: 1.5)
            w.raw("<circle")
            w.attribute("cx", x(r.median))
            w.attribute("cy", y)
            w.attribute("r", "4")
            w.attribute("fill", colour)
            w.raw("><title>")
            w.escaped(String(cFormat: "%.2fx (%.2f–%.2f)", r.median, r.min, r.max))
            w.raw("</title></circle>\n")
            text(w, width - 6, y + 4, String(cFormat: "%.2gx", r.median), anchor: "end", size: 10, fill: "#333333")
        }
        if rows.isEmpty { text(w, 12, top + 14, "No measure with a peer in this report.", size: 12) }
        text(w, labelWidth + plotWidth / 2, bottom + 34, "peer time / GeoTwin time (log scale)", anchor: "middle", size: 11, fill: "#555555")
        w.raw("</svg>\n")
    }

    private static func line(_ w: SVGWriter, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double) {
        w.raw("<line")
        w.attribute("x1", x1)
        w.attribute("y1", y1)
        w.attribute("x2", x2)
        w.attribute("y2", y2)
        w.attribute("stroke", stroke)
        w.attribute("stroke-width", width)
        w.raw("/>\n")
    }

    private static func text(_ w: SVGWriter, _ x: Double, _ y: Double, _ s: String, anchor: String = "start",
                             bold: Bool = false, size: Int = 12, fill: String = "#111111") {
        w.raw("<text")
        w.attribute("x", x)
        w.attribute("y", y)
        if anchor != "start" { w.attribute("text-anchor", anchor) }
        if bold { w.attribute("font-weight", "bold") }
        w.attribute("font-size", String(size))
        w.attribute("fill", fill)
        w.raw(">")
        w.escaped(s)
        w.raw("</text>\n")
    }
}
