import GeoCore
import Testing
@testable import GeoRender

@Suite struct XMLNamesTests {
    @Test func ids() {
        #expect(XMLNames.id("sigungu-11110") == "sigungu-11110")
        #expect(XMLNames.id("11110") == "_11110")
        #expect(XMLNames.id("a b/c\"d") == "a_b_c_d")
        #expect(XMLNames.id("종로구") == "종로구")
        #expect(XMLNames.id("") == "_")
    }

    @Test func dataAttributes() {
        #expect(XMLNames.dataAttribute("name_ko") == "data-name_ko")
        #expect(XMLNames.dataAttribute("Area (km²)") == "data-areakm")
        #expect(XMLNames.dataAttribute("2020") == nil)
        #expect(XMLNames.dataAttribute("xmlthing") == nil)
        #expect(XMLNames.dataAttribute("인구") == nil)
    }

    @Test func values() {
        #expect(XMLNames.text(.null) == nil)
        #expect(XMLNames.text(.double(2.0)) == "2")
        #expect(XMLNames.text(.double(2.5)) == "2.5")
        #expect(XMLNames.text(.double(.nan)) == nil)
        #expect(XMLNames.text(.bool(true)) == "true")
        #expect(XMLNames.text(.array([1, "a"])) == "1,a")
    }
}
