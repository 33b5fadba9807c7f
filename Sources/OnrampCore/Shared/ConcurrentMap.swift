import Dispatch

extension Array where Element: Sendable {
    /// `map` on every core, in order: for drawing many shapes at once (the whole-London map's
    /// 4,994 areas), work that needs no database and shares nothing between elements. It holds
    /// the calling thread until done, as the same work done serially would, for a drawing that
    /// is then kept.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes its own slot, so the slots need no lock.
        nonisolated(unsafe) let slots = results
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in slots[index] = transform(elements[index]) }
        return results.map { $0! }
    }
}
