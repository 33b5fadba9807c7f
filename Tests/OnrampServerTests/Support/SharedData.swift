import Foundation

/// The real open data beside the repository (../shared/data), read where it is, never copied.
enum SharedData {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data").standardizedFileURL.path

    static func path(_ relative: String) -> String { directory + "/" + relative }

    /// A throwaway file for a test, removed by the caller.
    static func temporaryFile(_ name: String, contents: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString + "-" + name).path
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The error `body` throws, or nil, for tests that look inside it.
func thrownError(_ body: () async throws -> Void) async -> (any Error)? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}

/// What the error `body` throws says, for tests of messages.
func refusalMessage(_ body: () async throws -> Void) async -> String {
    (await thrownError(body)).map { "\($0)" } ?? "no error"
}
