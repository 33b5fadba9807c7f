import Fluent
import Foundation
import OnrampCore
import Vapor

/// A stored run with everything its pages show: scores, area and ward names, and the imports
/// behind it.
struct RunView {
    let run: IndexRun
    let settings: RunSettings
    let scores: [IndexScore]
    let names: [String: String]
    let wards: [String: String]
    /// Area code → ward code, for the ward maps.
    let wardCodes: [String: String]
    let ladName: String
    /// Each run's local authority by name: the run's own, or each borough's in a view of many.
    let authorityNames: [UUID: String]
    let imports: [DatasetImport]

    enum SortKey: String, CaseIterable {
        case rank, code, ward, demography, connectivity, deprivation
    }

    /// The run named in the path (or `id`), which must belong to the viewer's council.
    static func load(_ req: Request, id: UUID? = nil) async throws -> RunView {
        guard let run = try await req.scope.find(IndexRun.self, id ?? req.parameters.get(SiteURL.runKey, as: UUID.self), on: req.db) else { throw Abort(.notFound) }
        return try await load(run, on: req.db)
    }

    static func load(_ run: IndexRun, on db: any Database) async throws -> RunView {
        let scores = try await IndexScore.ofRun(run.id!, on: db)
        let ladName = try await PlaceArea.find(.lad, run.ladCode, on: db)?.name ?? run.ladCode
        let areas = try await PlaceArea.lsoaNames(run.lsoaGeography, lad: run.ladCode, on: db)
        let wardCodes = Set(areas.compactMap(\.wardCode))
        let wardNames = try await PlaceArea.names(.ward, codes: Array(wardCodes), on: db)
        let importIDs = run.importIDs.split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        let imports = importIDs.isEmpty ? [] : try await DatasetImport.query(on: db).filter(\.$id ~~ importIDs).sort(\.$dataset).all()
        return RunView(
            run: run,
            settings: run.runSettings,
            scores: scores,
            names: Dictionary(areas.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }),
            wards: Dictionary(areas.map { ($0.code, $0.wardCode.flatMap { wardNames[$0] } ?? "") }, uniquingKeysWith: { a, _ in a }),
            wardCodes: Dictionary(areas.compactMap { area in area.wardCode.map { (area.code, $0) } }, uniquingKeysWith: { a, _ in a }),
            ladName: ladName, authorityNames: [run.id!: ladName], imports: imports
        )
    }

    /// Several runs' views, in the order of `runs`, read four at a time: the London map reads
    /// 33, six queries each, and one borough's rows are read from the database while another's
    /// are made into its view. Four, not all: the queries share their event loop's connection
    /// with other requests, which should not wait behind two hundred of them.
    static func load(_ runs: [IndexRun], on db: any Database) async throws -> [RunView] {
        try await withThrowingTaskGroup(of: (Int, RunView).self) { group in
            var views: [RunView?] = Array(repeating: nil, count: runs.count)
            for (index, run) in runs.enumerated() {
                if index >= 4, let (done, view) = try await group.next() { views[done] = view }
                group.addTask { (index, try await load(run, on: db)) }
            }
            for try await (index, view) in group { views[index] = view }
            return views.map { $0! }
        }
    }

    var base: IndexBase { IndexBase(rawValue: run.base) ?? .localAuthority }

    /// The same run narrowed to one ward's areas, for the ward map and table.
    func narrowed(toWard ward: String?) -> RunView {
        guard let ward, wardCodes.values.contains(ward) else { return self }
        return RunView(
            run: run, settings: settings, scores: scores.filter { wardCodes[$0.areaCode] == ward }, names: names, wards: wards,
            wardCodes: wardCodes, ladName: ladName, authorityNames: authorityNames, imports: imports
        )
    }

    /// Several runs drawn as one: the latest run of each London borough, for the London map.
    static func merged(_ views: [RunView], name: String) -> RunView? {
        guard let first = views.first else { return nil }
        func union<K, V>(_ key: (RunView) -> [K: V]) -> [K: V] {
            views.reduce(into: [:]) { result, view in result.merge(key(view)) { a, _ in a } }
        }
        return RunView(
            run: first.run, settings: first.settings, scores: views.flatMap(\.scores), names: union(\.names), wards: union(\.wards),
            wardCodes: [:], ladName: name, authorityNames: union(\.authorityNames), imports: Array(Dictionary(views.flatMap(\.imports).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }).values)
        )
    }

    /// Ward code → name, for choosing a ward.
    var wardChoices: [(code: String, name: String)] {
        var seen: [String: String] = [:]
        for (area, code) in wardCodes { seen[code] = wards[area] }
        return seen.map { ($0.key, $0.value) }.sorted { $0.name < $1.name }
    }

    func sorted(by key: SortKey) -> [IndexScore] {
        if let component = RiskIndex.Component(rawValue: key.rawValue) {
            return scores.sorted { ($0.score(of: component) ?? -1) > ($1.score(of: component) ?? -1) }
        }
        switch key {
        case .code: return scores.sorted { $0.areaCode < $1.areaCode }
        case .ward: return scores.sorted { (wards[$0.areaCode] ?? "", $0.rank) < (wards[$1.areaCode] ?? "", $1.rank) }
        default: return scores
        }
    }

    /// The index's five quantile classes across this run's areas.
    var breaks: [Double] { Quantiles.breaks(scores.compactMap(\.index)) }

    /// Why a partial figure is partial, in words.
    func note(for score: IndexScore) -> String {
        guard score.isPartial || !score.missing.isEmpty else { return "" }
        let labels = score.missing.split(separator: ",").map { settings.indicator(String($0))?.label ?? String($0) }
        return (score.isPartial ? "Partial: " : "") + "no figure for " + labels.joined(separator: "; ")
    }

    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "–"
    }

    static let attribution = [
        "Contains public sector information licensed under the Open Government Licence v3.0",
        "Source: Office for National Statistics licensed under the OGL v3.0",
    ]

    /// `csv` as a file to save.
    func csvDownload() -> Response {
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "risk-index-\(run.ladCode).csv")
        return response
    }

    /// The table as CSV, then the attribution lines the licences ask for.
    var csv: String {
        let field = CSVWriting.field
        var lines = ["\(run.geography)_code,\(run.geography)_name,ward,risk_index,demography,connectivity,deprivation,rank,partial,missing"]
        for score in scores {
            lines.append([
                score.areaCode, field(names[score.areaCode] ?? ""), field(wards[score.areaCode] ?? ""),
                score.index.map { String(format: "%.4f", $0) } ?? "", score.demography.map { String(format: "%.4f", $0) } ?? "",
                score.connectivity.map { String(format: "%.4f", $0) } ?? "", score.deprivation.map { String(format: "%.4f", $0) } ?? "",
                String(score.rank), score.isPartial ? "yes" : "no", field(score.missing),
            ].joined(separator: ","))
        }
        lines.append("")
        lines += Self.attribution.map { field($0) }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension IndexRun {
    /// The settings the run was computed with; the standard ones if they cannot be read.
    var runSettings: RunSettings {
        (try? JSONDecoder().decode(RunSettings.self, from: Data(settings.utf8))) ?? .standard
    }
}
