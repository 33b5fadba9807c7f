import Foundation

/// Bytes from chunks, one at a time, with a byte of look-ahead.
struct ByteSource {
    let next: () throws -> Data
    private var chunk: [UInt8] = []
    private var index = 0
    private var finished = false
    /// Why the bytes ended early, when they did.
    private(set) var failure: (any Error)?

    init(next: @escaping () throws -> Data) { self.next = next }

    /// Reads chunks until `count` bytes are at hand or the bytes end: a chunk may end anywhere,
    /// even inside the byte-order mark, so bytes not yet taken are kept before the next chunk.
    private mutating func fill(atLeast count: Int = 1) {
        while chunk.count - index < count, !finished {
            do {
                let data = try next()
                if data.isEmpty { finished = true } else { chunk = index < chunk.count ? Array(chunk[index...]) + data : [UInt8](data); index = 0 }
            } catch {
                failure = error
                finished = true
            }
        }
    }

    mutating func peek() -> UInt8? {
        fill()
        return index < chunk.count ? chunk[index] : nil
    }

    mutating func take() -> UInt8? {
        fill()
        guard index < chunk.count else { return nil }
        defer { index += 1 }
        return chunk[index]
    }

    mutating func skipByteOrderMark() {
        fill(atLeast: 3)
        if chunk.count - index >= 3, chunk[index] == 0xEF, chunk[index + 1] == 0xBB, chunk[index + 2] == 0xBF { index += 3 }
    }
}
