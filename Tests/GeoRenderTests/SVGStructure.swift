import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an SVG document in order, parsed with XMLParser (a well-formedness check too).
final class SVGStructure: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        var depth: Int
        var parentID: String?
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private var idStack: [String?] = []
    private(set) var error: String?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "parse failed" }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let parent = idStack.last(where: { $0 != nil }) ?? nil
        elements.append(Element(name: name, attributes: attributes, text: "", depth: stack.count, parentID: parent))
        stack.append(elements.count - 1)
        idStack.append(attributes["id"])
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        idStack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = stack.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if let i = stack.last { elements[i].text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    /// Elements whose nearest ancestor with an id is `id`.
    func children(of id: String) -> [Element] { elements.filter { $0.parentID == id } }

    /// The first element with this id.
    func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }
}
