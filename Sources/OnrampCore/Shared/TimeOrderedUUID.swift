import Foundation

extension UUID {
    /// A version 7 id (RFC 9562): the milliseconds since 1970 in its first six bytes, then the
    /// version, the variant and 74 random bits. Rows of a table that only grows (the audit log)
    /// keyed by these go in beside the rows written just before, where random ids each land
    /// on a page of their own: a list page recording 25 residents seen wrote some 50 pages of
    /// indexes to the disk. A moment before 1970 counts as 1970; one past the year 10889, whose
    /// milliseconds outgrow six bytes, as that year's last.
    public static func timeOrdered(at date: Date, using random: inout some RandomNumberGenerator) -> UUID {
        let largest = Double(UInt64(1) << 48 - 1)
        let milliseconds = UInt64(min(largest, max(0, (date.timeIntervalSince1970 * 1000).rounded(.down))))
        let (high, low) = (random.next() as UInt64, random.next() as UInt64)
        var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &id) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            for index in 6..<16 { bytes[index] = UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (8 * (index % 8))) }
            bytes[6] = 0x70 | (bytes[6] & 0x0F)
            bytes[8] = 0x80 | (bytes[8] & 0x3F)
        }
        return UUID(uuid: id)
    }

    public static func timeOrdered(at date: Date) -> UUID {
        var random = SystemRandomNumberGenerator()
        return timeOrdered(at: date, using: &random)
    }
}
