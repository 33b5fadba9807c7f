import Foundation
import OnrampCore
import SQLKit

extension SQLSelectBuilder {
    /// `COUNT(*) AS name`: counts rows from an index alone, where Fluent's `count()` counts ids.
    @discardableResult
    func countingAll(as name: String = "total") -> Self {
        column(SQLFunction("COUNT", args: SQLLiteral.all), as: name)
    }
}

extension SQLRow {
    /// An id column, read as text and then as an id (`UUID(text:)`). SQLite keeps ids as text,
    /// and decoding a UUID reads the text with sscanf, several microseconds an id: most of a
    /// search near a postcode's time, which reads about a thousand.
    func id(_ column: String) throws -> UUID {
        let text = try decode(column: column, as: String.self)
        guard let id = UUID(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not an id: \(text)"))
        }
        return id
    }

    /// An id column that may be NULL, read as `id(_:)` reads one.
    func optionalID(_ column: String) throws -> UUID? {
        try decodeNil(column: column) ? nil : id(column)
    }
}
