import Foundation
import OnrampCore
import Testing

/// Ids compared by their bytes come in the order of their text, as lists ordered them before.
@Suite struct UUIDOrderTests {
    @Test func bytesAreInTheOrderOfTheText() {
        var generator = SystemRandomNumberGenerator()
        var ids = (0..<2_000).map { _ in UUID() }
        // Ids that share their first bytes, and one that differs only in its last.
        let shared = UUID(uuidString: "0A1B2C3D-4E5F-4A6B-8C7D-000000000000")!
        ids += (0..<50).map { _ in UUID(uuidString: "0A1B2C3D-4E5F-4A6B-8C7D-" + String(format: "%012llX", UInt64.random(in: 0..<1 << 48, using: &generator)))! } + [shared, shared]
        for _ in 0..<20_000 {
            let (a, b) = (ids.randomElement(using: &generator)!, ids.randomElement(using: &generator)!)
            #expect(a.precedes(b) == (a.uuidString < b.uuidString), "\(a) \(b)")
        }
        #expect(ids.sorted { $0.precedes($1) } == ids.sorted { $0.uuidString < $1.uuidString })
        #expect(!shared.precedes(shared))
    }
}

/// Ids read from text as `UUID(uuidString:)` reads them, and nothing else taken for one.
@Suite struct UUIDTextTests {
    @Test func idsReadAsFoundationReadsThem() {
        for _ in 0..<5_000 {
            let id = UUID()
            let mixed = String(id.uuidString.enumerated().map { $0.offset % 3 == 0 ? Character($0.element.lowercased()) : $0.element })
            for text in [id.uuidString, id.uuidString.lowercased(), mixed] {
                #expect(UUID(text: text) == id && UUID(uuidString: text) == id, "\(text)")
            }
        }
        let good = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"
        for text in ["", good + "0", String(good.dropLast()), good.replacingOccurrences(of: "-", with: ""), "{\(good)}",
                     good.replacingOccurrences(of: "4D", with: "4G"), good.replacingOccurrences(of: "D-4E", with: "D4-E"), "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4é"] {
            #expect(UUID(text: text) == nil && UUID(uuidString: text) == nil, "\(text)")
        }
    }
}
