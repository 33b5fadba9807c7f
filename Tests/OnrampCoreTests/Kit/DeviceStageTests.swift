import Testing
@testable import OnrampCore

/// Every move between device stages, with and without a wipe since the device came in.
@Suite struct DeviceStageTests {
    typealias S = DeviceStage
    static let pairs = S.allCases.flatMap { from in S.allCases.map { (from, $0) } }

    static let allowed: Set<String> = [
        "received>wiped", "received>recycled", "received>lost",
        "wiped>refurbished-tested", "wiped>recycled", "wiped>lost",
        "refurbished-tested>ready", "refurbished-tested>recycled", "refurbished-tested>lost",
        "ready>gifted", "ready>loaned", "ready>recycled", "ready>lost",
        "loaned>returned", "loaned>lost",
        "returned>wiped", "returned>recycled", "returned>lost",
    ]

    @Test(arguments: pairs)
    func moveWithAWipe(from: S, to: S) {
        let refusal = from.move(to: to, wipedSinceArrival: true)
        if from.isFinal { #expect(refusal == .final(from)) }
        else if Self.allowed.contains("\(from.rawValue)>\(to.rawValue)") { #expect(refusal == nil, "\(from) > \(to)") }
        else { #expect(refusal == .notAllowed(from: from, to: to), "\(from) > \(to)") }
    }

    @Test(arguments: pairs)
    func nothingReachesAResidentWithoutAWipe(from: S, to: S) {
        let refusal = from.move(to: to, wipedSinceArrival: false)
        let key = "\(from.rawValue)>\(to.rawValue)"
        if from.isFinal { #expect(refusal == .final(from)) }
        else if !Self.allowed.contains(key) { #expect(refusal == .notAllowed(from: from, to: to)) }
        else if [S.ready, .gifted, .loaned].contains(to) { #expect(refusal == .noWipeSinceArrival, "\(key)") }
        else { #expect(refusal == nil, "\(key)") }
    }

    /// Only a move into a resident's hands is a handover: a loan's extension, recorded as on
    /// loan to on loan, is not.
    @Test func aHandoverPutsADeviceInAResidentsHands() {
        let handovers = Self.pairs.filter { $0.1.isHandover(from: $0.0) }.filter { Self.allowed.contains("\($0.0.rawValue)>\($0.1.rawValue)") }
        #expect(handovers.map { "\($0.0.rawValue)>\($0.1.rawValue)" } == ["ready>gifted", "ready>loaned"])
        #expect(!S.loaned.isHandover(from: .loaned) && !S.gifted.isHandover(from: .gifted) && S.gifted.isHandover(from: nil))
        #expect(!S.returned.isHandover(from: .loaned) && !S.ready.isHandover(from: .refurbished))
    }

    @Test func refusalsSayWhatCanHappenNext() {
        #expect(S.received.move(to: .gifted, wipedSinceArrival: true)?.message
            == "A device that is received cannot be moved to gifted. Next it can be: wiped, recycled, lost")
        #expect(S.recycled.move(to: .ready, wipedSinceArrival: true)?.message == "This device is recycled: its record is closed")
    }
}

@Suite struct KitRecordsTests {
    @Test func aWipeRecordNeedsEveryPart() {
        var errors = FormErrors()
        let none = WipeRecord.validate(method: nil, tool: "", toolVersion: nil, operatorName: " ", started: nil, finished: nil, result: nil, verification: nil, into: &errors)
        #expect(none == nil)
        #expect(errors.problems.map(\.field) == ["method", "tool", "tool_version", "operator", "started", "finished", "result", "verification"])
        #expect(errors["method"] == "Select the wipe method")

        var backwards = FormErrors()
        let start = KitTime.parse("2026-11-22 10:00")!, end = KitTime.parse("2026-11-22 09:00")!
        _ = WipeRecord.validate(method: "nist-purge", tool: "Blancco", toolVersion: "7.2", operatorName: "Sam", started: start, finished: end, result: "passed", verification: "Sampled 10%", into: &backwards)
        #expect(backwards["finished"] == "The wipe must finish after it started")

        var fine = FormErrors()
        let record = WipeRecord.validate(method: "nist-purge", tool: "Blancco", toolVersion: "7.2", operatorName: "Sam", started: end, finished: start, result: "passed", verification: "Sampled 10%", into: &fine)
        #expect(record?.method == .purge && record?.passed == true && fine.isEmpty)
    }

    @Test func timesAreReadAsLondonTime() {
        #expect(KitTime.parse("2026-07-01 09:30")?.timeIntervalSince1970 == 1_782_894_600)  // 08:30 UTC in summer
        #expect(KitTime.parse("2026-13-01 09:30") == nil)
        #expect(KitTime.parse("2026-07-01 25:00") == nil)
        #expect(KitTime.parse("yesterday") == nil)
    }

    @Test func batchRowsAreCheckedAndRepeatedSerialsFound() throws {
        let parser = try DeviceBatchParser(header: ColumnMap(header: ["type", "make", "model", "serial", "ram_gb", "condition"]))
        let row = try #require(try parser.parse(["Laptop", "Lenovo", "ThinkPad T480", "PF-1AB 23C", "8", "b"], line: 2))
        #expect(row.type == .laptop && row.ramGB == 8 && row.condition == .b && row.line == 2)
        #expect(throws: RowProblem.self) { try parser.parse(["toaster", "Lenovo", "T480", "X1"]) }
        #expect(throws: RowProblem.self) { try parser.parse(["laptop", "Lenovo", "T480", "--"]) }
        #expect(throws: RowProblem.self) { try parser.parse(["laptop", "Lenovo", "T480", "X1", "lots"]) }
        #expect(throws: ImportRefusal.self) { try DeviceBatchParser(header: ColumnMap(header: ["type", "make"])) }
        let rows = try [
            parser.parse(["laptop", "Lenovo", "T480", "PF1AB23C"], line: 2)!, parser.parse(["laptop", "Dell", "5490", "PF1AB23C"], line: 3)!,
            parser.parse(["laptop", "lenovo ", "T480", "pf-1ab-23c"], line: 4)!,
        ]
        let repeated = DeviceBatchParser.repeatedSerials(rows)
        #expect(repeated.count == 1 && repeated[0].lines == [2, 4], "the same serial from another maker is another device")
    }

    @Test func stockLastsAtTheRecentRate() {
        #expect(StockForecast(ready: 30, allocated: 80, weeks: 8).weeksLeft == 3)
        #expect(StockForecast(ready: 30, allocated: 80, weeks: 8).isLow())
        #expect(StockForecast(ready: 30, allocated: 80, weeks: 8).words(weeks: 8) == "About 3 weeks")
        #expect(StockForecast(ready: 5, allocated: 0, weeks: 8).weeksLeft == nil)
        #expect(!StockForecast(ready: 5, allocated: 0, weeks: 8).isLow())
        #expect(StockForecast(ready: 0, allocated: 8, weeks: 8).words(weeks: 8) == "Less than a week")
    }

    @Test func loanRemindersGoAWeekBeforeAndOnTheDay() {
        let due = CalendarDay(year: 2027, month: 1, day: 4)!
        #expect(LoanSchedule.reminders(due: due).map(\.iso) == ["2026-12-28", "2027-01-04"])
        #expect(LoanSchedule.isOverdue(due: due, today: CalendarDay(year: 2027, month: 1, day: 5)!))
        #expect(!LoanSchedule.isOverdue(due: due, today: due))
    }
}
