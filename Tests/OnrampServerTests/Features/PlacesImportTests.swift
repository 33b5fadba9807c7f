import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

@Suite struct PlacesImportTests {

    @Test(arguments: TestDatabase.available)
    func aFileOfTheWrongDatasetIsRefusedWhole(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let message = await refusalMessage {
                _ = try await PlacesImport.run(.censusTS067, path: SharedData.path("census2021/census2021-ts007a-lsoa.csv"), localAuthorities: [], on: app.db, now: Date())
            }
            #expect(message.contains("This is not a Census 2021 TS067 (highest qualification) file"))
            #expect(try await DatasetImport.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aTruncatedFileAndBadRowsAreReportedByLineAndNothingIsWritten(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            // The real TS038 file cut off in the middle of a line.
            let original = try Data(contentsOf: URL(fileURLWithPath: SharedData.path("census2021/census2021-ts038-lsoa.csv")))
            let cut = try SharedData.temporaryFile("ts038-cut.csv", contents: original.prefix(5_000))
            defer { try? FileManager.default.removeItem(atPath: cut) }
            let truncated = await thrownError { _ = try await PlacesImport.run(.censusTS038, path: cut, localAuthorities: [], on: app.db, now: Date()) }
            guard case ImportFailure.rows(let cutProblems)? = truncated else { Issue.record("expected row problems, got \(String(describing: truncated))"); return }
            #expect(cutProblems.count == 1)
            #expect(cutProblems.first.first?.message.contains("fields where the header has 10") == true)

            let header = "date,geography,geography code,Disability: Total: All usual residents,Disability: Disabled under the Equality Act\n"
            let rows = "2021,A,E01000001,100,10\n2021,B,E0100000X,100,10\n2021,C,E01000003,lots,10\n2021,D,E01000004,\"1,000\",20\n"
            let bad = try SharedData.temporaryFile("ts038-bad.csv", contents: Data((header + rows).utf8))
            defer { try? FileManager.default.removeItem(atPath: bad) }
            let invalid = await thrownError { _ = try await PlacesImport.run(.censusTS038, path: bad, localAuthorities: [], on: app.db, now: Date()) }
            guard case ImportFailure.rows(let problems)? = invalid else { Issue.record("expected row problems, got \(String(describing: invalid))"); return }
            #expect(problems.first.map(\.line) == [3, 4])
            #expect("\(problems)".contains("ts038-bad.csv:4: The total \u{201C}lots\u{201D} is not a number"))
            #expect(try await DatasetImport.query(on: app.db).count() == 0)
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)
        }
    }

    /// What a file will supply once decompressed, known before reading it: a gzip file's
    /// trailer states it. The ORUK import estimates a feed's services by it.
    @Test func aFilesSizeDecompressedIsKnownBeforeReadingIt() throws {
        for path in [SharedData.path("imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"), #filePath] {
            let file = DataFile(path: path)
            #expect(file.contentSize() == (try file.contents()).count, "\(file.name)")
        }
        #expect(DataFile(path: "/nonexistent/feed.ndjson").contentSize() == nil)
    }

    @Test(arguments: TestDatabase.available)
    func compressedFilesWithAByteOrderMarkAndThousandsSeparators(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let file1 = SharedData.path("imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")
            let outcome = try await PlacesImport.run(.iod2019, path: file1, localAuthorities: ["E09000028"], on: app.db, now: Date())
            #expect(outcome.fileRows == 32_844)
            #expect(outcome.keptRows == 166)
            let ranks = try await IndicatorValue.query(on: app.db).filter(\.$indicator == "imd_rank").all()
            #expect(ranks.count == 166)
            #expect(ranks.contains { $0.value > 999 })   // ranks over 999 come with a thousands comma in File 1
            let record = try #require(try await DatasetImport.query(on: app.db).first())
            #expect(record.sha256.count == 64)
            #expect(record.ladFilter == "E09000028")

            let again = try await PlacesImport.run(.iod2019, path: file1, localAuthorities: ["E09000028"], on: app.db, now: Date())
            #expect(again.alreadyImported)
            #expect(try await DatasetImport.query(on: app.db).count() == 1)

            let unknown = await refusalMessage { _ = try await PlacesImport.run(.iod2019, path: file1, localAuthorities: ["E09000999"], on: app.db, now: Date()) }
            #expect(unknown.contains("no row in this file is in E09000999"))
            let malformed = await refusalMessage { _ = try await PlacesImport.run(.iod2019, path: file1, localAuthorities: ["Southwark"], on: app.db, now: Date()) }
            #expect(malformed.contains("is not a local authority code"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func censusNeedsTheLookupToFilterByAuthority(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let message = await refusalMessage {
                _ = try await PlacesImport.run(.censusTS067, path: SharedData.path("census2021/census2021-ts067-lsoa.csv"), localAuthorities: ["E09000028"], on: app.db, now: Date())
            }
            #expect(message.contains("import the LSOA lookup for them first"))
        }
    }
}
