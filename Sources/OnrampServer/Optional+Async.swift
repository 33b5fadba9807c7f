extension Optional {
    /// `flatMap` for an async transform: a form's id, looked up when there is one.
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
