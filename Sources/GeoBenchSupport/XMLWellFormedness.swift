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
import GeoCore

/// Whether a document is well-formed XML: libxml2's `xmllint --noout` (Debian package
/// libxml2-utils, which `make setup` installs) run on it, then a check that every element is
/// closed in order. A separate process keeps libxml2 and the ICU it links out of `geotwin`
/// (they added about 2 ms to every command's start-up through Foundation's `XMLParser`).
public enum XMLWellFormedness {
    /// nil when `bytes` are well-formed XML with one root element, else what is wrong.
    public static func problem(in bytes: Data) -> String? {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("geotwin-xml-\(getpid())-\(UUID().uuidString).xml").path
        guard FileManager.default.createFile(atPath: path, contents: bytes) else { return "cannot write \(path)" }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return xmllintProblem(path) ?? tagNestingProblem(in: [UInt8](bytes))
    }

    /// nil when the file at `path` is well-formed XML with one root element, else what is wrong.
    public static func problem(inFileAt path: String) -> String? {
        if let problem = xmllintProblem(path) { return problem }
        guard let bytes = FileManager.default.contents(atPath: path) else { return "cannot read \(path)" }
        return tagNestingProblem(in: [UInt8](bytes))
    }

    /// What `xmllint --noout` says is wrong with the file at `path` (its first line), nil if nothing.
    static func xmllintProblem(_ path: String) -> String? {
        guard let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else { return "xmllint not found (Debian: apt-get install libxml2-utils)" }
        guard let run = ChildProcess.run(xmllint, ["--noout", "--nonet", path], keepOutput: false) else {
            return "cannot run xmllint: \(systemErrorText(errno))"
        }
        guard run.status == 0 else {
            let first = String(decoding: run.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init)
            return first ?? "not well-formed (xmllint exit \(run.status))"
        }
        return nil
    }

    /// nil when start and end tags nest (comments, processing instructions, declarations and
    /// CDATA skipped; attribute values may hold `>`), else the first mismatch.
    static func tagNestingProblem(in b: [UInt8]) -> String? {
        var open: [ArraySlice<UInt8>] = []
        var roots = 0
        var i = 0
        func skip(past end: [UInt8]) -> Bool {
            while i + end.count <= b.count {
                if b[i..<(i + end.count)].elementsEqual(end) { i += end.count; return true }
                i += 1
            }
            return false
        }
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            let rest = b[i...]
            if rest.starts(with: Array("<!--".utf8)) { guard skip(past: Array("-->".utf8)) else { return "unclosed comment" }; continue }
            if rest.starts(with: Array("<![CDATA[".utf8)) { guard skip(past: Array("]]>".utf8)) else { return "unclosed CDATA" }; continue }
            if rest.starts(with: Array("<?".utf8)) { guard skip(past: Array("?>".utf8)) else { return "unclosed processing instruction" }; continue }
            if rest.starts(with: Array("<!".utf8)) { guard skip(past: Array(">".utf8)) else { return "unclosed declaration" }; continue }
            let closing = i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < b.count, !" \t\r\n/>".utf8.contains(b[j]) { j += 1 }
            let name = b[nameStart..<j]
            var quote: UInt8?
            while j < b.count {
                if let q = quote { if b[j] == q { quote = nil } } else if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                    quote = b[j]
                } else if b[j] == UInt8(ascii: ">") { break }
                j += 1
            }
            guard j < b.count else { return "unclosed tag <\(String(decoding: name, as: UTF8.self))" }
            let selfClosing = b[j - 1] == UInt8(ascii: "/")
            if closing {
                guard let last = open.popLast(), last.elementsEqual(name) else {
                    return "unexpected </\(String(decoding: name, as: UTF8.self))>"
                }
            } else if !selfClosing {
                if open.isEmpty { roots += 1 }
                open.append(name)
            } else if open.isEmpty {
                roots += 1
            }
            i = j + 1
        }
        if let last = open.last { return "<\(String(decoding: last, as: UTF8.self))> is never closed" }
        return roots == 1 ? nil : "\(roots) root elements"
    }

    /// The name of the root element of `bytes`, nil when they are not well-formed.
    public static func rootElement(of bytes: Data) -> String? {
        guard problem(in: bytes) == nil else { return nil }
        let b = [UInt8](bytes)
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
            // Skip the prolog: comments, processing instructions and declarations.
            let rest = b[i...]
            let end: [UInt8]? = rest.starts(with: Array("<!--".utf8)) ? Array("-->".utf8)
                : rest.starts(with: Array("<?".utf8)) ? Array("?>".utf8)
                : rest.starts(with: Array("<!".utf8)) ? Array(">".utf8) : nil
            if let end {
                i += 2
                while i + end.count <= b.count, !b[i..<(i + end.count)].elementsEqual(end) { i += 1 }
                i += end.count
                continue
            }
            var j = i + 1
            while j < b.count, !" \t\r\n/>".utf8.contains(b[j]) { j += 1 }
            return String(decoding: b[(i + 1)..<j], as: UTF8.self)
        }
        return nil
    }
}
