import Foundation
import Vapor

/// Seals SIM and voucher codes at rest (AES-GCM) and finds a code already in the bank by a
/// keyed hash, without opening any. The key is `ONRAMP_DATA_KEY`: 32 bytes, base64 or hex.
struct DataVault: Sendable {
    private let sealing: SymmetricKey
    private let digesting: SymmetricKey

    /// The demo's key, published like its passwords: demo codes are not real.
    static let demoKey = "b25yYW1wIGRlbW8ga2V5OiBuZXZlciByZWFsIHVzZSE="

    init?(key text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = Data(base64Encoded: trimmed) ?? Self.hex(trimmed)
        guard let bytes, bytes.count == 32 else { return nil }
        let master = SymmetricKey(data: bytes)
        // Two keys from one, so the hash that finds repeats tells nothing about the sealing key.
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("onramp data code sealing".utf8), outputByteCount: 32)
        digesting = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("onramp data code digest".utf8), outputByteCount: 32)
    }

    func seal(_ code: String) throws -> String {
        try AES.GCM.seal(Data(code.utf8), using: sealing).combined!.base64EncodedString()
    }

    func open(_ sealed: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw Abort(.internalServerError, reason: "A sealed code is not base64") }
        return String(decoding: try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: sealing), as: UTF8.self)
    }

    /// The same for every way a code is printed: `DataCode.key` first.
    func digest(_ codeKey: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(codeKey.utf8), using: digesting).hexDigits
    }

    private static func hex(_ text: String) -> Data? {
        guard text.count == 64 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return Data(bytes)
    }
}
