import SmartCity
import Testing

@Suite struct PlatformRolloutRecordTests {
    let header = "year,round,sequence,adopter,code,level,status,source\n"

    @Test func parsesQuotedFields() throws {
        let r = try RolloutRecords.parse(header + "2019,2,40,부산 해운대구,26350,sigungu,modelled,\"a, \"\"quoted\"\" reason\"\n"
                                         + "2018,1,11,서울특별시,11,sido,recorded,report\n")
        #expect(r.count == 2)
        #expect(r[0].code == "11" && r[0].level == .sido)
        #expect(r[1].source == "a, \"quoted\" reason" && r[1].status == .modelled)
    }

    @Test func rejectsBadRows() {
        #expect(throws: PlatformRolloutError.self) { try RolloutRecords.parse("year,round\n") }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "bad status guessed")) {
            try RolloutRecords.parse(header + "2019,2,1,x,26350,sigungu,guessed,s\n")
        }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "code 2635 is not 5 digits")) {
            try RolloutRecords.parse(header + "2019,2,1,x,2635,sigungu,recorded,s\n")
        }
        #expect(throws: PlatformRolloutError.malformedRecord(line: 2, reason: "syntax error, expected a closing quote (a quoted field of this record runs to the end of the file)")) {
            try RolloutRecords.parse(header + "2019,2,1,x,26350,sigungu,recorded,\"s\n")
        }
    }

    @Test func shippedFile() throws {
        let r = rollout.records
        #expect(r.count == 108)
        #expect(r.filter { $0.status == .recorded }.count == 95)
        #expect(r.filter { $0.level == .sido }.map(\.code) == ["29", "11", "50", "42", "43", "44", "46", "47", "28"])
        #expect(r.map(\.sequence) == Array(1...108))
        #expect(r.allSatisfy { !$0.source.isEmpty })
    }
}
