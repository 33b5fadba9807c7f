import Foundation
import OnrampCore
import Testing

@Suite struct HexTests {
    /// Every byte is written as printf's "%02x" writes it, in order.
    @Test func everyByteAsPrintfWritesIt() {
        let bytes = (0...255).map(UInt8.init)
        #expect(bytes.hexDigits == bytes.map { String(format: "%02x", $0) }.joined())
        #expect([UInt8]().hexDigits.isEmpty)
        #expect([0x0a, 0xf0].hexDigits == "0af0")
    }
}
