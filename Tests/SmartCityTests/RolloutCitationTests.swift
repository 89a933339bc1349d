import SmartCity
import Testing

@Suite struct RolloutCitationTests {
    let header = RolloutRecords.citedHeader.joined(separator: ",") + "\n"

    @Test func readsTheCitationColumns() throws {
        let r = try RolloutRecords.parse(header
            + "2020,1,1,태안군,44825,sigungu,recorded,\"대전MBC, t (2020-02-12)\",platform,,대전MBC,t,2020-02-12,https://x,n\n"
            + "2024,annual,2,충주시,43130,sigungu,recorded,c,safety-net,,중도일보,t,2024-12-11,,\n"
            + "2015,1,3,광양시,46230,sigungu,modelled,c,platform,named-undated,KJA뉴스통신,t,,u,no date\n")
        #expect(r[0].citation == RolloutCitation(publisher: "대전MBC", title: "t", date: "2020-02-12", url: "https://x", note: "n"))
        #expect(r[0].programme == .platform && r[1].programme == .safetyNet)
        #expect(r[2].isNamedByAReport && r[2].status == .modelled && r[0].rule.isEmpty)
    }

    @Test func rejectsRecordedRowsWithoutADatedSource() {
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "recorded row without publisher, title and date (YYYY-MM-DD)")) {
            try RolloutRecords.parse(header + "2020,1,1,x,44825,sigungu,recorded,c,platform,,p,t,2020-2-12,,\n")
        }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "recorded row without publisher, title and date (YYYY-MM-DD)")) {
            try RolloutRecords.parse(header + "2020,1,1,x,44825,sigungu,recorded,c,platform,,,t,2020-02-12,,\n")
        }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "modelled row without a rule")) {
            try RolloutRecords.parse(header + "2020,1,1,x,44825,sigungu,modelled,c,platform,,,,,,\n")
        }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "bad programme other")) {
            try RolloutRecords.parse(header + "2020,1,1,x,44825,sigungu,modelled,c,other,seed-criteria,,,,,\n")
        }
    }

    @Test func dates() {
        #expect(RolloutCitation.isDate("2019-08-30"))
        #expect(!RolloutCitation.isDate("2019-8-30") && !RolloutCitation.isDate("") && !RolloutCitation.isDate("2019-00-01"))
    }
}
