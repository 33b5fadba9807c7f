import Foundation

/// The proxies a council runs in front of Onramp (`ONRAMP_TRUSTED_PROXIES`), as addresses or
/// CIDR ranges, IPv4 or IPv6. Only what they add to `X-Forwarded-For` is believed: the header's
/// left-hand entries are written by the client, so the client is the right-most entry that is
/// not one of these proxies.
public struct TrustedProxies: Sendable, Equatable {
    struct Range: Sendable, Equatable {
        let bytes: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) {
                guard left > 0 else { return true }
                let bits = min(8, left)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                left -= bits
            }
            return true
        }
    }

    let ranges: [Range]

    public static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) { self.ranges = ranges }

    /// Reads "10.0.0.0/8, 192.168.1.5 2001:db8::/32"; nil when an entry is not an address or range.
    public init?(_ text: String) {
        var ranges: [Range] = []
        for entry in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            let parts = entry.split(separator: "/", maxSplits: 1)
            guard let bytes = Self.bytes(String(parts[0])) else { return nil }
            let prefix: Int
            if parts.count == 2 {
                guard let bits = Int(parts[1]), (0...(bytes.count * 8)).contains(bits) else { return nil }
                prefix = bits
            } else {
                prefix = bytes.count * 8
            }
            ranges.append(Range(bytes: bytes, prefix: prefix))
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return ranges.contains { $0.contains(bytes) }
    }

    /// Who is asking: the peer itself unless it is a trusted proxy; then, reading
    /// `X-Forwarded-For` from the right, the first address that is not a trusted proxy.
    public func clientAddress(peer: String?, forwardedFor headers: [String]) -> String? {
        guard let peer, contains(peer) else { return peer }
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for hop in hops.reversed() {
            guard Self.bytes(hop) != nil else { return peer }   // a malformed entry: believe nothing beyond it
            if !contains(hop) { return hop }
        }
        return hops.first ?? peer
    }

    /// An IPv4 address as 4 bytes, an IPv6 one as 16 (an IPv4-mapped IPv6 address as its 4).
    static func bytes(_ text: String) -> [UInt8]? {
        if text.contains(":") {
            guard let six = ipv6(text) else { return nil }
            if six.prefix(10).allSatisfy({ $0 == 0 }), six[10] == 0xFF, six[11] == 0xFF { return Array(six.suffix(4)) }
            return six
        }
        return ipv4(text)
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let four = ipv4(String(piece)) else { return nil }
                    bytes += four
                } else {
                    guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                    bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
                }
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
