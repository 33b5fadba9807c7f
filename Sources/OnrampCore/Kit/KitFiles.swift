/// What a file on a device's record is for, and which formats it may be.
public enum KitFilePurpose: String, CaseIterable, Sendable, Codable {
    case wipeCertificate = "wipe-certificate"
    case recyclingCertificate = "recycling-certificate"
    case photo

    public var label: String {
        switch self {
        case .wipeCertificate: "Wipe certificate"
        case .recyclingCertificate: "Recycling certificate"
        case .photo: "Photo"
        }
    }

    public var accepts: [FileFormat] { self == .photo ? [.jpeg, .png] : [.pdf] }

    /// Large enough for a scanned certificate or a phone's photo.
    public static let maxBytes = 10 * 1024 * 1024

    /// Why the file cannot be kept, or nil. The format is read from the bytes, not the name.
    public func problem(with bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "The file is empty" }
        if bytes.count > Self.maxBytes { return "The file must be smaller than 10 MB" }
        guard let format = FileFormat(sniffing: bytes), accepts.contains(format) else {
            return self == .photo ? "The photo must be a JPEG or PNG" : "The certificate must be a PDF"
        }
        return nil
    }
}

/// The few formats Onramp keeps, known by their first bytes.
public enum FileFormat: String, CaseIterable, Sendable {
    case pdf, jpeg, png

    public init?(sniffing bytes: [UInt8]) {
        if bytes.starts(with: Array("%PDF-".utf8)) { self = .pdf }
        else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
        else { return nil }
    }

    public var contentType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        }
    }

    public init?(contentType: String) {
        guard let format = Self.allCases.first(where: { $0.contentType == contentType }) else { return nil }
        self = format
    }

    /// "PDF", as a link to the file says what it is.
    public var label: String { rawValue.uppercased() }
}
