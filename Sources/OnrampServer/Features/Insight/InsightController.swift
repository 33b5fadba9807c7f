import Fluent
import Foundation
import OnrampCore
import Vapor

/// Where the programme has reached against where the risk is, and whom it has reached.
struct InsightController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.reach, requiring: .viewInsight, use: reach)
        routes.get(.reachCSV, requiring: .viewInsight, use: reachCSV)
        routes.get(.equality, requiring: .viewInsight, use: equality)
        routes.get(.coverage, requiring: .viewInsight, use: coverage)
        routes.get(.quarterlyReport, requiring: .viewInsight, use: quarterlyReport)
    }

    private func period(_ req: Request) -> FinancialQuarter? {
        (try? req.query.get(String.self, at: "period")).flatMap(FinancialQuarter.init(key:))
    }

    /// Residents reached by area in the period asked for, with their map, kept as
    /// `InsightCache` says: the map is drawn once with its figures, and the page and its CSV
    /// give the same ones.
    private func reach(_ req: Request) async throws -> InsightCache.Made<(reach: AreaReach, map: HTML?)> {
        let period = period(req)
        return try await req.insight("reach", period?.key ?? "all") { scope, database in
            let reach = try await AreaReach.load(scope, period: period, on: database)
            return (reach: reach, map: try await ReachPages.map(reach, on: database))
        }
    }

    func reach(req: Request) async throws -> Response {
        let scope = try req.scope
        let reach = try await reach(req)
        return req.render(ReachPages.page(reach.value.reach, map: reach.value.map, period: period(req), council: try await ProgrammeAreas.councilName(scope, on: req.db),
                                          workedOut: reach.workedOut, today: WorkingDays.today(Date())))
    }

    func reachCSV(req: Request) async throws -> Response {
        let reach = try await reach(req).value.reach
        // The populations are Census 2021's and the areas ONS's: their licence's lines close the file.
        let lines = [CSVWriting.line(["area_code"] + ReachPages.head)] + ReachPages.rows(reach).map { CSVWriting.line([$0.area.code] + ReachPages.fields($0)) }
            + [""] + RunView.attribution.map { CSVWriting.line([$0]) }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "reach-\(period(req)?.key ?? "all-time").csv")
        return response
    }

    func equality(req: Request) async throws -> Response {
        let scope = try req.scope
        let period = period(req)
        let equality = try await req.insight("equality", period?.key ?? "all") { try await Equality.load($0, period: period, on: $1) }
        return req.render(InsightPages.equality(equality.value, period: period, council: try await ProgrammeAreas.councilName(scope, on: req.db),
                                                workedOut: equality.workedOut, today: WorkingDays.today(Date())))
    }

    func coverage(req: Request) async throws -> Response {
        let scope = try req.scope
        let coverage = try await Coverage.load(scope, on: req.db)
        return req.render(CoveragePages.page(coverage, map: try await CoveragePages.map(coverage, on: req.db), council: try await ProgrammeAreas.councilName(scope, on: req.db)))
    }

    /// The quarter named in `period`, or the one before today's, which is the one to report.
    func quarterlyReport(req: Request) async throws -> Response {
        let today = WorkingDays.today(Date())
        let quarter = period(req) ?? FinancialQuarter(containing: today).previous
        let workingDays = req.application.onramp.workingDays
        let report = try await req.insight("report", quarter.key) { try await QuarterlyReport.load($0, quarter: quarter, workingDays: workingDays, on: $1) }
        // The narrative is the officers' words, not figures: as published now.
        let narrative = try await req.scope.query(PublishedMap.self, on: req.db).first()?.narrative
        return req.render(report.value.page(narrative: narrative, workedOut: report.workedOut, today: today))
    }
}
