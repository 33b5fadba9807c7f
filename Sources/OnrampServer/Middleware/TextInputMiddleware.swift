import Vapor

/// Refuses input that is not text before any route reads it: a NUL character, which PostgreSQL
/// refuses in text (so it would fail deep inside a query, as a 500), or bytes that are not UTF-8.
/// It checks the address (path and query), urlencoded and JSON bodies, and the text fields of a
/// multipart form (a file's bytes are the file's business). The body is read once here, within
/// the route's own size limit, so the route finds it already collected.
struct TextInputMiddleware: Middleware {
    static let refusal = "What you sent contains characters that are not text, such as a null character. Remove them and try again."

    // A future-based middleware: most requests have no body, and need no task of their own.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard Self.isText(address: request.url.string) else { return request.eventLoop.makeFailedFuture(Abort(.badRequest, reason: Self.refusal)) }
        guard let type = request.headers.contentType, ![.GET, .HEAD].contains(request.method) else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask {
            let body = try await request.collectBody()
            if let body, !Self.isText(body: Array(buffer: body), as: type) { throw Abort(.badRequest, reason: Self.refusal) }
        }.flatMap { next.respond(to: request) }
    }

    /// Percent-escapes must decode to UTF-8 without a NUL.
    static func isText(address: String) -> Bool {
        // Most addresses have no escapes: one pass over the bytes says so.
        if !address.utf8.contains(where: { $0 == 0 || $0 == UInt8(ascii: "%") }) { return true }
        guard !address.contains("\0"), let decoded = address.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else { return false }
        return !decoded.contains("\0")
    }

    static func isText(body: [UInt8], as type: HTTPMediaType) -> Bool {
        // Media types are case-insensitive: "Application/JSON" is JSON.
        switch (type.type.lowercased(), type.subType.lowercased()) {
        case ("application", "x-www-form-urlencoded"):
            return !body.contains(0) && String(validating: body, as: UTF8.self).map(isText(address:)) == true
        case ("application", "json"):
            guard !body.contains(0), let text = String(validating: body, as: UTF8.self) else { return false }
            return text.range(of: "\\u0000", options: .caseInsensitive) == nil
        case ("multipart", "form-data"):
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else { return true }
            return multipartTextFields(body, boundary: boundary).allSatisfy { !$0.contains(0) && String(validating: $0, as: UTF8.self) != nil }
        default:
            return true
        }
    }

    /// The values of the parts that are not files, found by their boundaries.
    static func multipartTextFields(_ body: [UInt8], boundary: String) -> [ArraySlice<UInt8>] {
        let separator = Array("--\(boundary)".utf8), headerEnd = Array("\r\n\r\n".utf8)
        return body.split(separator: separator).compactMap { part -> ArraySlice<UInt8>? in
            guard let end = part.firstRange(of: headerEnd) else { return nil }
            let headers = String(decoding: part[part.startIndex..<end.lowerBound], as: UTF8.self).lowercased()
            guard headers.contains("content-disposition"), !headers.contains("filename=") else { return nil }
            var value = part[end.upperBound...]
            if value.suffix(2).elementsEqual([13, 10]) { value = value.dropLast(2) }
            return value
        }
    }
}

extension Request {
    /// The most a body may hold on this route: the route's own limit (a form with a file has a
    /// bigger one, see `post(_:requiring:largeBody:)`), or the application's.
    var bodyLimit: ByteCount {
        (route?.userInfo["bodyLimit"] as? ByteCount) ?? ByteCount(value: application.onramp.settings.maxBodySize)
    }

    /// The whole body, collected once within `bodyLimit`; a bigger one is refused with 413 and
    /// its limit in words.
    func collectBody() async throws -> ByteBuffer? {
        if let data = body.data { return data }
        do {
            return try await body.collect(max: bodyLimit.value).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            let limit = bodyLimit.value >= 1_048_576 ? "\(bodyLimit.value / 1_048_576) MB" : "\(bodyLimit.value / 1024) KB"
            throw Abort(.payloadTooLarge, reason: "What you sent was larger than \(limit). Send something smaller.")
        }
    }
}
