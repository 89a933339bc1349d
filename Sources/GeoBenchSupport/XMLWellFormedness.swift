import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether a document is well-formed XML: Foundation's `XMLParser` first, then a check that
/// every element is closed in order (the parser of swift-corelibs-foundation recovers from a
/// mismatched end tag without reporting it).
public enum XMLWellFormedness {
    /// nil when `bytes` are well-formed XML with one root element, else what is wrong.
    public static func problem(in bytes: Data) -> String? {
        let parser = XMLParser(data: bytes)
        let delegate = RootRecorder()
        parser.delegate = delegate
        guard parser.parse() else {
            return "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "not well-formed")"
        }
        if delegate.root == nil { return "no root element" }
        return tagNestingProblem(in: [UInt8](bytes))
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
        let parser = XMLParser(data: bytes)
        let delegate = RootRecorder()
        parser.delegate = delegate
        return parser.parse() ? delegate.root : nil
    }
}

private final class RootRecorder: NSObject, XMLParserDelegate {
    var root: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if root == nil { root = elementName }
    }
}
