extension Array {
    /// The array in consecutive pieces of at most `size`: for statements with a limit on how
    /// many values they carry (SQL `IN` lists, multi-row inserts).
    public func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
