import Foundation

extension UUID {
    /// A version 7 id (RFC 9562): the milliseconds since 1970 in its first six bytes, then the
    /// version, the variant and 74 random bits. Rows of a table that only grows (the audit log)
    /// keyed by these go in at the end of the id's index: random ids each land on a page of
    /// their own, so a list page recording 25 residents seen wrote some 50 pages of indexes
    /// to the disk, not 26.
    public static func timeOrdered(at date: Date, using random: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        let (high, low) = (random.next() as UInt64, random.next() as UInt64)
        for index in 6..<16 { bytes[index] = UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (8 * (index % 8))) }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)
        bytes[8] = 0x80 | (bytes[8] & 0x3F)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    public static func timeOrdered(at date: Date) -> UUID {
        var random = SystemRandomNumberGenerator()
        return timeOrdered(at: date, using: &random)
    }
}
