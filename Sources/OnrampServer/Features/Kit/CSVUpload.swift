import OnrampCore
import Vapor

extension Request {
    /// A form's file input, read on its own so that a form sent without it (urlencoded, as
    /// scripts and tests may post) still reads its other fields; none when absent.
    func uploadedFile(_ field: String) -> File? {
        try? content.get(File.self, at: field)
    }

    /// A spreadsheet sent in file input `field`, read through its parser and handed to `write`
    /// once the form's other fields (`errors`) are clear. All or nothing: nil when nothing was
    /// written, with a missing or refused file in `errors` and its lines' problems in `problems`.
    func importCSV<P: RowParser, T>(
        _ field: String, errors: inout FormErrors, problems: inout [String],
        parser: (ColumnMap) throws -> P, write: ([P.Row], _ file: String) async throws -> T
    ) async throws -> T? {
        guard let upload = uploadedFile(field), upload.data.readableBytes > 0 else {
            errors.add(field, "Choose the batch\u{2019}s CSV file")
            return nil
        }
        guard errors.isEmpty else { return nil }
        do {
            let (_, rows, _) = try PlacesReader.readCSV(named: upload.filename, CSVReader(text: String(buffer: upload.data)), parser)
            return try await write(rows, upload.filename)
        } catch let failure as ImportFailure {
            errors.add(field, "The file could not be imported, so nothing was added. Correct it and choose it again")
            problems = failure.messages
            return nil
        }
    }
}
