extension Sequence where Element == UInt8 {
    /// The bytes in lower-case hex, two digits each. `String(format: "%02x")` a byte at a time
    /// formatted through printf: hashing a signed-in person's session token for every request
    /// that way was 1.6% of the CPU of the referral queue's requests.
    public var hexDigits: String {
        var digits: [UInt8] = []
        digits.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            digits.append(hexDigit(byte >> 4))
            digits.append(hexDigit(byte & 0x0F))
        }
        return String(decoding: digits, as: UTF8.self)
    }
}

/// 0 to 9 as "0" to "9", 10 to 15 as "a" to "f".
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
}
