import SmartCity
import Testing

@Suite struct CodeCrosswalkTests {
    let crosswalk = try! CodeCrosswalk.load(geodata: atlas.geodata)

    @Test func specialSelfGoverningProvinces() {
        #expect(crosswalk.current("42") == "51")
        #expect(crosswalk.change(of: "42")?.effective == "2023-06-11")
        #expect(crosswalk.current("45") == "52")
        #expect(crosswalk.change(of: "45")?.effective == "2024-01-18")
        #expect(crosswalk.current("42110") == "51110")  // 춘천시
        #expect(crosswalk.current("45730") == "52730")  // 무주군
        #expect(crosswalk.current("42110101") == "51110101")
    }

    @Test func renamedMergedAndMovedUnits() {
        #expect(crosswalk.current("28170") == "28177")
        #expect(crosswalk.current("41730") == "41670")
        #expect(crosswalk.current("43710") == "43110")
        #expect(crosswalk.current("41195") == "41190")
        #expect(crosswalk.current("47720") == "27720")
        #expect(crosswalk.current("11440") == "11440")
        #expect(crosswalk.current("11") == "11")
        #expect(crosswalk.current("43710250") == "43710250")  // finer codes of a merged unit are not known
    }

    @Test func everyChangeIsDatedAndSourcedOrSaysWhyNot() {
        #expect(crosswalk.changes.count == 44)
        for c in crosswalk.changes {
            #expect(RolloutCitation.isDate(c.effective))
            #expect(c.citation.isDated || c.citation.note.contains("no dated report"), "\(c.fromCode)")
        }
    }

    @Test func appliesToRolloutRows() throws {
        let s = try rollout.selections(.recorded)
        let today = crosswalk.apply(to: s)
        #expect(today.count == s.count)
        #expect(today.first { $0.adopter == "강원도" }?.code == "51")
        #expect(today.first { $0.adopter == "전주시" }?.code == "52110")
        #expect(today.first { $0.adopter == "서울 마포구" }?.code == "11440")
    }

    @Test func rejectsBadFiles() {
        #expect(throws: CodeCrosswalkError.self) { try CodeCrosswalk.parse("from_code\n") }
        let header = CodeCrosswalk.header.joined(separator: ",") + "\n"
        #expect(throws: CodeCrosswalkError.malformed(line: 2, reason: "bad effective date 2023-13-01")) {
            try CodeCrosswalk.parse(header + "42,강원,sido,51,강원특별자치도,recoded,2023-13-01,,,,,\n")
        }
    }
}
