import Foundation
import OnrampCore
import Vapor

/// An official file on disk, read in chunks; a `.gz` file is read through `gzip -dc`, so a
/// 45 MB boundary file never has to be unpacked by hand.
struct DataFile {
    let path: String

    var name: String { URL(fileURLWithPath: path).lastPathComponent }
    var isGzip: Bool { path.hasSuffix(".gz") }

    /// The SHA-256 of the file as given (compressed or not), in hex.
    func sha256() throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ImportFailure.unreadable(path) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while case let chunk = handle.readData(ofLength: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().hexDigits
    }

    /// A supplier of the file's bytes, decompressed, a chunk at a time; an empty chunk is the end.
    func chunks() throws -> () throws -> Data {
        guard FileManager.default.isReadableFile(atPath: path) else { throw ImportFailure.unreadable(path) }
        if !isGzip {
            let handle = FileHandle(forReadingAtPath: path)!
            return { handle.readData(ofLength: 1 << 16) }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading
        return {
            let data = output.readData(ofLength: 1 << 16)
            if data.isEmpty {
                process.waitUntilExit()
                if process.terminationStatus != 0 { throw ImportFailure.refused(path, "the file is not valid gzip, or is cut short") }
            }
            return data
        }
    }

    /// How many bytes `chunks` will supply: the file's size, or what a gzip file's last four
    /// bytes state (its size decompressed, modulo 4 GiB). Nil when that cannot be read.
    func contentSize() -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        guard isGzip else { return Int(end) }
        guard end >= 4, (try? handle.seek(toOffset: end - 4)) != nil, let trailer = try? handle.read(upToCount: 4), trailer.count == 4 else { return nil }
        return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    /// The whole file, decompressed, for the small formats read at once (the broadband JSON).
    func contents() throws -> Data {
        let next = try chunks()
        var data = Data()
        while case let chunk = try next(), !chunk.isEmpty { data.append(chunk) }
        return data
    }
}

/// Why an import changed nothing.
enum ImportFailure: Error, CustomStringConvertible {
    case unreadable(String)
    case refused(String, String)
    case rows(ImportProblems)

    /// The problems for a page, a line each, without the file's path on the server.
    var messages: [String] {
        switch self {
        case .rows(let found):
            found.first.map { "Line \($0.line): \($0.message)" } + (found.count > found.first.count ? ["and \(found.count - found.first.count) more"] : [])
        case .refused(_, let reason): [reason]
        case .unreadable: ["The file cannot be read"]
        }
    }

    var description: String {
        switch self {
        case .unreadable(let path): "\(path): cannot read this file"
        case .refused(let path, let reason): "\(path): \(reason)"
        case .rows(let problems): "\(problems.count) row\(problems.count == 1 ? "" : "s") could not be read, so nothing was imported:\n\(problems)"
        }
    }
}
