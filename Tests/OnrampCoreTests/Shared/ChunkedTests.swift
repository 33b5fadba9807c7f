import Testing
@testable import OnrampCore

@Suite struct ChunkedTests {
    @Test func piecesCoverTheArrayInOrder() {
        #expect([1, 2, 3, 4, 5].chunked(into: 2).map(Array.init) == [[1, 2], [3, 4], [5]])
        #expect([Int]().chunked(into: 3).isEmpty)
    }
}
