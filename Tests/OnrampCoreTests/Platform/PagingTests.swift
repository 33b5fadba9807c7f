import Testing
@testable import OnrampCore

@Suite struct PagingTests {
    @Test func pagesAreClampedToWhatExists() {
        #expect(Paging(requested: 0, size: 10, totalItems: 95).number == 1)
        #expect(Paging(requested: 99, size: 10, totalItems: 95).number == 10)
        #expect(Paging(requested: nil, size: 10, totalItems: 0).number == 1)
        #expect(Paging(requested: 3, size: 10, totalItems: 95).offset == 20)
        #expect(Paging(requested: 1, size: 10, totalItems: 0).totalPages == 1)
    }

    @Test func gapsAreShownGOVUKStyle() {
        #expect(Paging(requested: 5, size: 10, totalItems: 100).visiblePages == [1, nil, 4, 5, 6, nil, 10])
        #expect(Paging(requested: 1, size: 10, totalItems: 100).visiblePages == [1, 2, nil, 10])
        #expect(Paging(requested: 2, size: 10, totalItems: 30).visiblePages == [1, 2, 3])
    }
}
