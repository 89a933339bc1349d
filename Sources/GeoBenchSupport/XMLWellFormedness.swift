import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether a document is well-formed XML, checked with Foundation's `XMLParser`.
public enum XMLWellFormedness {
    /// nil when `bytes` parse as XML, else the parser's error with its line.
    public static func problem(in bytes: Data) -> String? {
        let parser = XMLParser(data: bytes)
        let delegate = RootRecorder()
        parser.delegate = delegate
        if parser.parse() { return delegate.root == nil ? "no root element" : nil }
        return "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "not well-formed")"
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
