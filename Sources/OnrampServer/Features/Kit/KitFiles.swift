import Fluent
import OnrampCore
import Vapor

/// A file sent through a form for a device's record, already checked for its purpose.
struct KitUpload: Sendable {
    let filename: String
    let bytes: [UInt8]
    let format: FileFormat

    /// The file, or nil: when none was chosen, or when it is wrong (the problem is added under `field`).
    static func read(_ file: File?, for purpose: KitFilePurpose, field: String, into errors: inout FormErrors) -> KitUpload? {
        guard let file, file.data.readableBytes > 0 || !file.filename.isEmpty else { return nil }
        let bytes = Array(file.data.readableBytesView)
        if let problem = purpose.problem(with: bytes) {
            errors.add(field, problem)
            return nil
        }
        // Only letters, digits, dots and dashes reach a Content-Disposition header.
        let safe = String(file.filename.map { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) ? $0 : "-" }.suffix(100))
        return KitUpload(filename: safe.isEmpty ? "file" : safe, bytes: bytes, format: FileFormat(sniffing: bytes)!)
    }
}

/// Certificates and photos kept with devices, served back to the council's kit staff only.
enum KitFiles {
    @discardableResult
    static func store(
        _ upload: KitUpload, purpose: KitFilePurpose, device: KitDevice, wipeID: UUID? = nil, actor: AuditActor, now: Date, on database: any Database
    ) async throws -> KitFile {
        let file = KitFile()
        (file.id, file.councilID, file.deviceID, file.purpose, file.wipeID) = (UUID(), device.councilID, device.id!, purpose, wipeID)
        (file.filename, file.contentType, file.size, file.createdBy, file.createdAt) = (upload.filename, upload.format.contentType, upload.bytes.count, actor.label, now)
        try await file.create(on: database)
        let content = KitFileContent()
        (content.id, content.data) = (file.id, Data(upload.bytes))
        try await content.create(on: database)
        try await Audit.record(.kitFileAdded, by: actor, recordType: "kit_file", recordID: file.id, summary: "\(purpose.label) for \(device.assetTag): \(upload.filename)",
                               councilID: device.councilID, on: database, now: now)
        return file
    }

    static func all(for device: KitDevice, on database: any Database) async throws -> [KitFile] {
        try await KitFile.query(on: database).filter(\.$deviceID == device.id!).sort(\.$createdAt).all()
    }

    /// The file as a response: certificates download, photos show; nothing is cached.
    static func response(_ file: KitFile, on database: any Database) async throws -> Response {
        guard let content = try await KitFileContent.find(file.id, on: database) else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "\(file.purpose == .photo ? "inline" : "attachment"); filename=\"\(file.filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: content.data))
    }

    /// "Wipe certificate (PDF, 120 KB)", as a link.
    static func link(_ file: KitFile) -> HTML {
        let size = file.size < 1024 ? "\(file.size) bytes" : "\(max(1, file.size / 1024)) KB"
        return "<a class=\"govuk-link\" href=\"\(SiteURL.kitFile(.value(file.id!)).path)\">\(file.purpose.label) (\(FileFormat(contentType: file.contentType)?.label ?? file.contentType), \(size))</a>"
    }
}
