import Testing
@testable import OnrampCore

@Suite struct ChunkedTests {
    @Test func piecesCoverTheArrayInOrder() {
        #expect([1, 2, 3, 4, 5].chunked(into: 2).map(Array.init) == [[1, 2], [3, 4], [5]])
        #expect([Int]().chunked(into: 3).isEmpty)
    }

    @Test func aConcurrentMapKeepsTheOrder() {
        let numbers = Array(0..<5_000)
        #expect(numbers.concurrentMap { "\($0 * 3)" } == numbers.map { "\($0 * 3)" })
        #expect([Int]().concurrentMap { $0 }.isEmpty && [7].concurrentMap { $0 + 1 } == [8])
    }
}
