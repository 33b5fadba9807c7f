import Foundation

/// How data was removed, as NIST SP 800-88 names the methods, or a factory reset of a device
/// whose storage was encrypted (a cryptographic erase).
public enum WipeMethod: String, CaseIterable, Sendable, Codable {
    case clear = "nist-clear"
    case purge = "nist-purge"
    case destroy = "nist-destroy"
    case cryptoReset = "factory-reset-encrypted"

    public var label: String {
        switch self {
        case .clear: "NIST 800-88 Clear"
        case .purge: "NIST 800-88 Purge"
        case .destroy: "NIST 800-88 Destroy"
        case .cryptoReset: "Factory reset of an encrypted device"
        }
    }
}

/// A wipe as recorded for the chain of custody (ADISA asks for one per device).
public struct WipeRecord: Sendable, Equatable {
    public let method: WipeMethod
    public let tool: String
    public let toolVersion: String
    public let operatorName: String
    public let started: Date
    public let finished: Date
    public let passed: Bool
    public let verification: String

    public init(method: WipeMethod, tool: String, toolVersion: String, operatorName: String, started: Date, finished: Date, passed: Bool, verification: String) {
        (self.method, self.tool, self.toolVersion, self.operatorName) = (method, tool, toolVersion, operatorName)
        (self.started, self.finished, self.passed, self.verification) = (started, finished, passed, verification)
    }

    /// Checks what an operator typed; every problem is named, none is guessed.
    public static func validate(
        method: String?, tool: String?, toolVersion: String?, operatorName: String?, started: Date?, finished: Date?,
        result: String?, verification: String?, into errors: inout FormErrors
    ) -> WipeRecord? {
        let method = errors.choice("method", method, as: WipeMethod.self, message: "Select the wipe method")
        let tool = errors.text("tool", tool, label: "the tool used", maxLength: 100)
        let version = errors.text("tool_version", toolVersion, label: "the tool\u{2019}s version", maxLength: 50)
        let operatorName = errors.text("operator", operatorName, label: "who did the wipe", maxLength: 100)
        if started == nil { errors.add("started", "Enter when the wipe started, like 2026-11-22 09:30") }
        if finished == nil { errors.add("finished", "Enter when the wipe finished, like 2026-11-22 10:15") }
        if let started, let finished, finished < started { errors.add("finished", "The wipe must finish after it started") }
        let passed = result == "passed"
        if result != "passed", result != "failed" { errors.add("result", "Select whether the wipe passed") }
        let verification = errors.text("verification", verification, label: "how the wipe was verified", maxLength: 500)
        guard errors.isEmpty, let method, let started, let finished else { return nil }
        return WipeRecord(method: method, tool: tool, toolVersion: version, operatorName: operatorName, started: started, finished: finished, passed: passed, verification: verification)
    }
}
