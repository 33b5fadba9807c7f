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

    func reach(req: Request) async throws -> Response {
        let scope = try req.scope
        let reach = try await AreaReach.load(scope, period: period(req), on: req.db)
        let map = try await ReachPages.map(reach, on: req.db)
        return req.render(ReachPages.page(reach, map: map, period: period(req), council: try await ProgrammeAreas.councilName(scope, on: req.db), today: WorkingDays.today(Date())))
    }

    func reachCSV(req: Request) async throws -> Response {
        let reach = try await AreaReach.load(try req.scope, period: period(req), on: req.db)
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
        let equality = try await Equality.load(scope, period: period(req), on: req.db)
        return req.render(InsightPages.equality(equality, period: period(req), council: try await ProgrammeAreas.councilName(scope, on: req.db), today: WorkingDays.today(Date())))
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
        let report = try await QuarterlyReport.load(try req.scope, quarter: quarter, workingDays: req.application.onramp.workingDays, on: req.db)
        return req.render(report.page(today: today))
    }
}
