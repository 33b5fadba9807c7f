// libFuzzer targets for the parsers that read files from outside. Not part of the package:
// scripts/fuzz.sh compiles this file together with every file of Sources/OnrampCore (one module,
// so internal helpers such as `Field` are in reach) with `-sanitize=fuzzer,address`.
//
// One binary holds every target; ONRAMP_FUZZ_TARGET picks one (read once):
//   csv          CSVReader over chunks, as imports read files; cut into small chunks it must
//                give the same records
//   geojson      GeoJSON.eachFeature as PlacesReader.shapes drives it, then each feature's
//                coordinates stored and read back; small chunks must give the same features
//   coordinates  GeoJSON.polygons(fromCoordinatesJSON:) and the map drawn from them, as RunMap does
//   postcodes    a postcode file through ColumnMap and PostcodeParser (National Grid included),
//                and Postcode.normalise of the text as typed
//   nationalgrid "easting,northing" read as PostcodeParser reads them, then NationalGrid.wgs84
//   oruk         ORUKFeed.read and problems (the same read in chunks of 7 bytes), then what
//                publishing and the service page use
//   devices      a device batch uploaded through the form: DeviceBatchParser, repeated serials and tags
//   datapacks    a data batch uploaded through the form: DataPackParser, repeated codes
//
// A target traps (and libFuzzer reports a crash) when a parser traps, or when it breaks a promise
// checked here: an error of a kind its caller does not catch, results that depend on how the
// bytes were cut into chunks, or a value a caller could not use.

import Foundation

/// The target this process runs, from ONRAMP_FUZZ_TARGET.
nonisolated(unsafe) let fuzzTarget: (Data) -> Void = {
    let name = ProcessInfo.processInfo.environment["ONRAMP_FUZZ_TARGET"] ?? ""
    let targets: [String: (Data) -> Void] = [
        "csv": FuzzCSV.run, "geojson": FuzzGeoJSON.run, "coordinates": FuzzCoordinates.run,
        "postcodes": FuzzPostcodes.run, "nationalgrid": FuzzNationalGrid.run, "oruk": FuzzORUK.run,
        "devices": FuzzDevices.run, "datapacks": FuzzDataPacks.run,
    ]
    guard let target = targets[name] else {
        FileHandle.standardError.write(Data("Set ONRAMP_FUZZ_TARGET to one of: \(targets.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzTarget(Data(bytes: data, count: size))
    return 0
}

/// Fails the run: libFuzzer saves the input that got here.
func fuzzFailure(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError("fuzz check failed: \(message)", file: file, line: line)
}

/// The bytes handed out as a file or a pipe would: chunks of `size`, then empty data (the end).
func chunks(_ data: Data, size: Int) -> () -> Data {
    var offset = data.startIndex
    return {
        guard offset < data.endIndex else { return Data() }
        let end = min(offset + size, data.endIndex)
        defer { offset = end }
        return Data(data[offset..<end])
    }
}

/// A chunk size that varies with the input, for reading it again cut small.
func smallChunkSize(_ data: Data) -> Int { 1 + data.count % 7 }

/// What PlacesReader.readCSV does with a reader and a parser, without the server around it:
/// the header through ColumnMap, then each record with the header's number of fields.
/// A parser may refuse the header (ImportRefusal) or a row (RowProblem); any other error would
/// escape the import as a server error, so it fails the run.
func readCSV<P: RowParser>(_ reader: CSVReader, _ makeParser: (ColumnMap) throws -> P) -> (rows: [P.Row], problems: ImportProblems)? {
    var reader = reader
    var problems = ImportProblems(file: "fuzz.csv")
    guard let header = reader.next() else { return nil }
    let parser: P
    do { parser = try makeParser(ColumnMap(header: header.fields)) } catch is ImportRefusal { return nil } catch {
        fuzzFailure("the header was refused with \(type(of: error)), not an ImportRefusal: \(error)")
    }
    func parse(_ fields: [String], line: Int, into rows: inout [P.Row]) {
        do {
            if let row = try parser.parse(fields, line: line) { rows.append(row) }
        } catch let problem as RowProblem {
            problems.add(line: line, problem.message)
        } catch {
            fuzzFailure("a row was refused with \(type(of: error)), not a RowProblem: \(error)")
        }
    }
    var rows: [P.Row] = []
    if parser.firstRecordIsData { parse(header.fields, line: header.line, into: &rows) }
    while let record = reader.next() {
        if record.fields.count == 1 && record.fields[0].isEmpty { continue }
        guard record.fields.count == header.fields.count else {
            problems.add(line: record.line, "this line has \(record.fields.count) fields where the header has \(header.fields.count)")
            continue
        }
        parse(record.fields, line: record.line, into: &rows)
    }
    if let problem = reader.problem { problems.add(line: problem.line, problem.message) }
    _ = problems.description
    return (rows, problems)
}

// MARK: - CSV

enum FuzzCSV {
    /// Every record and the problem, if any, reading `data` in chunks of `size`.
    static func read(_ data: Data, size: Int) -> ([CSVReader.Record], CSVReader.Problem?) {
        var reader = CSVReader(chunks: chunks(data, size: size))
        var records: [CSVReader.Record] = []
        while let record = reader.next() {
            records.append(record)
            if records.count > data.count + 1 { fuzzFailure("more records than bytes: the reader does not advance") }
        }
        return (records, reader.problem)
    }

    static func run(_ data: Data) {
        // As a file is read (64 KiB chunks), and again cut small: chunks may break anywhere.
        let (whole, problem) = read(data, size: 1 << 16)
        let (cut, cutProblem) = read(data, size: smallChunkSize(data))
        guard whole == cut, problem == cutProblem else {
            fuzzFailure("chunks of \(smallChunkSize(data)) bytes gave \(cut.count) records (\(String(describing: cutProblem))), whole gave \(whole.count) (\(String(describing: problem)))")
        }
        var previous = 0
        for record in whole {
            guard record.line > previous else { fuzzFailure("record lines do not increase: \(record.line) after \(previous)") }
            previous = record.line
        }
        // Text already in memory (a form's upload) reads the same as its bytes.
        // (Not String(data:encoding:), which drops a byte-order mark itself.)
        if let text = String(validating: data, as: UTF8.self) {
            var reader = CSVReader(text: text)
            var records: [CSVReader.Record] = []
            while let record = reader.next() { records.append(record) }
            guard records == whole, reader.problem == problem else { fuzzFailure("CSVReader(text:) differs from CSVReader(chunks:)") }
        }
    }
}

// MARK: - GeoJSON

enum FuzzGeoJSON {
    struct Read: Equatable {
        var codes: [String] = []
        var rings: [[Int]] = []
        var failure: String?
    }

    /// As PlacesReader.shapes: LSOA 2021, LSOA 2011 or ward codes, the input's length choosing.
    static func codeKeys(_ data: Data) -> ([String], AreaCode.Kind) {
        switch data.count % 3 {
        case 0: (["LSOA21CD"], .lsoa)
        case 1: (["LSOA11CD"], .lsoa)
        default: ((19...30).reversed().map { "WD\($0)CD" }, .ward)
        }
    }

    static let ladKeys = ["LAD_CODE"] + (17...30).reversed().map { "LAD\($0)CD" }

    static func read(_ data: Data, size: Int) -> Read {
        let (keys, kind) = codeKeys(data)
        var read = Read()
        do {
            try GeoJSON.eachFeature(chunks: chunks(data, size: size), codeKeys: keys) { feature in
                read.codes.append(feature.code)
                read.rings.append(feature.polygons.map(\.count))
                guard AreaCode.isValid(feature.code, as: kind) else { return }
                _ = ladKeys.lazy.compactMap { feature.properties[$0] as? String }.first
                // Stored as text, read back for the map: the same polygons must come back.
                let stored = GeoJSON.coordinatesJSON(feature.polygons)
                let back = GeoJSON.polygons(fromCoordinatesJSON: stored)
                guard back.count == feature.polygons.count else {
                    fuzzFailure("\(feature.polygons.count) polygons stored, \(back.count) read back from \(stored.prefix(200))")
                }
                for (a, b) in zip(feature.polygons, back) {
                    guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { fuzzFailure("rings changed when stored and read back") }
                    for (ringA, ringB) in zip(a, b) {
                        // Exactly: each number is written as the shortest text that reads back as itself.
                        for (p, q) in zip(ringA, ringB) where p.lon != q.lon || p.lat != q.lat {
                            fuzzFailure("point (\(p.lon), \(p.lat)) read back as (\(q.lon), \(q.lat))")
                        }
                    }
                }
            }
        } catch let problem as GeoJSON.Problem {
            read.failure = problem.description
        } catch {
            fuzzFailure("eachFeature threw \(type(of: error)), not a GeoJSON.Problem: \(error)")
        }
        return read
    }

    static func run(_ data: Data) {
        let whole = read(data, size: 1 << 16)
        let cut = read(data, size: smallChunkSize(data))
        guard whole == cut else {
            fuzzFailure("chunks of \(smallChunkSize(data)) bytes gave \(cut.codes.count) features (\(cut.failure ?? "no problem")), whole gave \(whole.codes.count) (\(whole.failure ?? "no problem"))")
        }
        // GeoJSON.features(from:) is eachFeature over the whole file.
        let (keys, _) = codeKeys(data)
        let features = try? GeoJSON.features(from: data, codeKeys: keys)
        guard (features == nil) == (whole.failure != nil), features.map({ $0.map(\.code) == whole.codes }) ?? true else {
            fuzzFailure("GeoJSON.features(from:) differs from eachFeature")
        }
    }
}

enum FuzzCoordinates {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let polygons = GeoJSON.polygons(fromCoordinatesJSON: text)
        // RunMap: each area's polygons, the ward outlines, and the map drawn around them all.
        let areas = [Choropleth.Area(label: "E01000001", href: "/areas/E01000001", value: 3.5, polygons: polygons),
                     Choropleth.Area(label: "E01000002", href: "/areas/E01000002", value: nil, polygons: Array(polygons.prefix(1)))]
        let svg = Choropleth.svg(areas: areas, outlines: [polygons], points: [Choropleth.Point(label: "A library", longitude: -0.08, latitude: 51.5)],
                                 breaks: Quantiles.breaks([1, 2, 3, 4, 5, 6]), title: "Fuzz")
        _ = svg
        let projection = MapProjection(bounding: polygons, width: 720)
        guard projection.height.isFinite, projection.height >= 0 else { fuzzFailure("map height \(projection.height)") }
    }
}

// MARK: - Postcodes and the National Grid

enum FuzzPostcodes {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        // As typed into a search or a form: once canonical, it stays so.
        if let postcode = Postcode.normalise(text) {
            guard Postcode.normalise(postcode) == postcode else { fuzzFailure("\(postcode) normalises to \(Postcode.normalise(postcode) ?? "nil")") }
        }
        // As `onramp import postcodes` reads a file.
        guard let read = readCSV(CSVReader(chunks: chunks(data, size: 1 << 16)), { try PostcodeParser(header: $0) }) else { return }
        for row in read.rows {
            guard Postcode.normalise(row.postcode) == row.postcode else { fuzzFailure("row postcode \(row.postcode) is not canonical") }
            guard row.latitude.isFinite, row.longitude.isFinite, (-90...90).contains(row.latitude), (-180...180).contains(row.longitude) else {
                fuzzFailure("\(row.postcode) placed at \(row.latitude), \(row.longitude)")
            }
            if let lad = row.localAuthority, !AreaCode.isValid(lad, as: .localAuthority) { fuzzFailure("local authority \(lad)") }
        }
    }
}

enum FuzzNationalGrid {
    static func run(_ data: Data) {
        // Code-Point Open's eastings and northings, read as PostcodeParser reads them.
        let fields = String(decoding: data, as: UTF8.self).split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let easting = try? Field.number(fields, 0, label: "The easting", in: 0...700_000),
              let northing = try? Field.number(fields, 1, label: "The northing", in: 0...1_300_000)
        else { return }
        let position = NationalGrid.wgs84(easting: easting, northing: northing)
        // The grid covers Great Britain; anywhere far outside means the conversion went wrong.
        guard position.latitude.isFinite, position.longitude.isFinite, (45...65).contains(position.latitude), (-15...5).contains(position.longitude) else {
            fuzzFailure("\(easting), \(northing) converted to \(position.latitude), \(position.longitude)")
        }
        _ = Distance.words(metres: Distance.metres(position, NationalGrid.Position(latitude: 51.5, longitude: -0.1)))
    }
}

// MARK: - ORUK feeds

enum FuzzORUK {
    /// The ids of the services read, or the problems, or why the file was refused, reading the
    /// bytes `size` at a time.
    static func outcome(_ data: Data, chunk size: Int) -> String {
        var records = ORUKFeedRecords(data, chunk: size)
        var problems = ImportProblems(file: "feed.json")
        var ids: [String] = []
        do {
            while let record = try records.next(problems: &problems) { ids.append(record.service.id) }
        } catch {
            return "refused: \(error)"
        }
        return problems.isEmpty ? ids.joined(separator: ",") : problems.description
    }

    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    static func run(_ data: Data) {
        // An import reads the file 64 KB at a time: wherever the chunks break, the outcome is the same.
        guard outcome(data, chunk: 7) == outcome(data, chunk: .max) else { fuzzFailure("reading in chunks of 7 bytes gave another outcome") }
        let records: [ORUKFeed.Record]
        do {
            records = try ORUKFeed.read(data, fileName: "feed.json")
        } catch let problems as ImportProblems {
            guard !problems.isEmpty else { fuzzFailure("refused with no problems") }
            _ = problems.description
            return
        } catch is ImportRefusal {
            return
        } catch {
            fuzzFailure("ORUKFeed.read threw \(type(of: error)), which DirectoryImport does not catch: \(error)")
        }
        for record in records {
            let service = record.service
            guard ORUKFeed.problems(service).isEmpty else { fuzzFailure("a record with problems was kept") }
            // What DirectoryImport and DirectoryRecords.publish do with each service.
            _ = service.id.lowercased()
            _ = service.organization_id.flatMap { UUID(uuidString: $0) }
            _ = SearchText.terms([service.name, service.description ?? ""].joined(separator: " "))
            _ = SearchText.indexed(service.name)
            _ = service.isFree
            _ = try? JSONEncoder().encode(service)
            // The service page: opening hours from the feed's schedules.
            var schedules = [service.schedules ?? []]
            for link in service.service_at_locations ?? [] {
                _ = link.location.map { UUID(uuidString: $0.id) }
                schedules.append(link.schedules ?? service.schedules ?? [])
            }
            for list in schedules {
                let hours = WeeklyOpening(schedules: list)
                _ = hours.status(at: now, calendar: calendar)
                _ = hours.isOpen(at: now, calendar: calendar)
                _ = hours.lines
            }
        }
    }
}

// MARK: - The kit's uploads

enum FuzzDevices {
    static func run(_ data: Data) {
        // CSVUpload: the form's file as text, then PlacesReader.readCSV.
        guard let rows = readCSV(CSVReader(text: String(decoding: data, as: UTF8.self)), { try DeviceBatchParser(header: $0) })?.rows else { return }
        // DeviceBank.importBatch: serials and tags repeated in the file refuse it.
        for repeat_ in DeviceBatchParser.repeatedSerials(rows) { _ = repeat_.lines[1] }
        for repeat_ in DeviceBatchParser.repeatedTags(rows) { _ = repeat_.lines[1] }
        for row in rows {
            guard row.make.count <= 100, row.model.count <= 100, row.serial.count <= 100 else { fuzzFailure("a field longer than 100 characters was kept") }
            if let tag = row.assetTag, tag.count > 40 || tag.hasPrefix(DeviceBatchParser.madeTagPrefix) { fuzzFailure("asset tag \(tag) was kept") }
            _ = row.serialKey
        }
    }
}

enum FuzzDataPacks {
    static let today = CalendarDay(year: 2026, month: 6, day: 1)!

    static func run(_ data: Data) {
        guard let rows = readCSV(CSVReader(text: String(decoding: data, as: UTF8.self)), { try DataPackParser(header: $0, today: today) })?.rows else { return }
        // DataPacks.importBatch: the second line of each repeated code, and the others.
        for (code, lines) in DataPackParser.repeatedCodes(rows) {
            _ = "the code \(code) is also on line \(lines.filter { $0 != lines[1] }.map(String.init).joined(separator: ", "))"
        }
        for row in rows {
            guard !(row.expiresOn < today), (6...64).contains(row.codeKey.count) else { fuzzFailure("an unusable code was kept") }
            _ = (row.expiresOn.iso, DataCode.ending(row.code), row.kind.label)
            _ = DataPlan.endsOn(givenOn: today, months: row.months)
        }
    }
}
