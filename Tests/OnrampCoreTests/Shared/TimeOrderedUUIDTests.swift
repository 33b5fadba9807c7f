import Foundation
import OnrampCore
import Testing

/// Time-ordered ids (version 7) carry their millisecond, sort by it as bytes and as text, and
/// differ within one millisecond.
@Suite struct TimeOrderedUUIDTests {
    @Test func anIdCarriesItsMillisecondVersionAndVariant() {
        let moment = Date(timeIntervalSince1970: 1_796_581_829.123_9)
        let id = UUID.timeOrdered(at: moment)
        let text = id.uuidString
        // 1,796,581,829,123 ms is 0x01A2_4C9F_2A03 (the fraction of a millisecond is dropped).
        #expect(text.hasPrefix("01A24C9F-2A03-7"), "\(text)")
        #expect(["8", "9", "A", "B"].contains(text[text.index(text.startIndex, offsetBy: 19)]), "\(text)")
        // With every random bit 0, then every one 1, only the version and variant show.
        var zeros = Constant(value: 0), ones = Constant(value: .max)
        #expect(UUID.timeOrdered(at: moment, using: &zeros).uuidString == "01A24C9F-2A03-7000-8000-000000000000")
        #expect(UUID.timeOrdered(at: moment, using: &ones).uuidString == "01A24C9F-2A03-7FFF-BFFF-FFFFFFFFFFFF")
        // Before 1970 and past what six bytes hold, the nearest moment they can carry.
        #expect(UUID.timeOrdered(at: Date(timeIntervalSince1970: -86_400), using: &zeros).uuidString == "00000000-0000-7000-8000-000000000000")
        #expect(UUID.timeOrdered(at: Date(timeIntervalSince1970: 1e12), using: &zeros).uuidString.hasPrefix("FFFFFFFF-FFFF-7"))
    }

    private struct Constant: RandomNumberGenerator {
        let value: UInt64
        mutating func next() -> UInt64 { value }
    }

    @Test func idsSortByTheirMomentAndDifferWithinOne() {
        var random = SplitMix64(seed: 17)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let moments = (0..<2_000).map { start.addingTimeInterval(Double($0) * 0.000_7) }
        let ids = moments.map { UUID.timeOrdered(at: $0, using: &random) }
        for (earlier, later) in zip(zip(moments, ids), zip(moments, ids).dropFirst())
        where Int(later.0.timeIntervalSince1970 * 1000) > Int(earlier.0.timeIntervalSince1970 * 1000) {
            #expect(earlier.1.precedes(later.1) && earlier.1.uuidString < later.1.uuidString)
        }
        let sameMoment = (0..<10_000).map { _ in UUID.timeOrdered(at: start) }
        #expect(Set(sameMoment).count == sameMoment.count)
        #expect(Set(sameMoment.map { $0.uuidString.prefix(13) }).count == 1)
    }
}
