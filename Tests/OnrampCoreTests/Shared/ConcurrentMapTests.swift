import Testing
@testable import OnrampCore

@Suite struct ConcurrentMapTests {
    @Test func aConcurrentMapKeepsTheOrder() {
        let numbers = Array(0..<5_000)
        #expect(numbers.concurrentMap { "\($0 * 3)" } == numbers.map { "\($0 * 3)" })
        #expect([Int]().concurrentMap { $0 }.isEmpty && [7].concurrentMap { $0 + 1 } == [8])
    }
}
