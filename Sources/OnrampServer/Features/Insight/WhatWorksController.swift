import Fluent
import Foundation
import OnrampCore
import Vapor

/// "What works": for each offer, and within it by a chosen group, how many were referred and
/// helped, how fast, how many answered their follow-up, how many are online and the tasks they
/// gained. Small numbers hidden. As a page, and as CSV and JSON for a quarter or all time.
struct WhatWorksController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.whatWorks, requiring: .viewInsight, use: page)
        routes.get(.whatWorksCSV, requiring: .viewInsight, use: csv)
        routes.get(.whatWorksJSON, requiring: .viewInsight, use: json)
    }

    struct Report: Sendable {
        let council: String
        let period: FinancialQuarter?
        let segment: OutcomeSegment
        let offers: [(offer: HelpOffer, groups: [(label: String, line: WhatWorksLine)], total: WhatWorksLine)]
    }

    /// The figures asked for, kept as `InsightCache` says.
    private func report(_ req: Request) async throws -> InsightCache.Made<Report> {
        let period = (try? req.query.get(String.self, at: "period")).flatMap(FinancialQuarter.init(key:))
        let segment = (try? req.query.get(String.self, at: "segment")).flatMap(OutcomeSegment.init(rawValue:)) ?? .everyone
        let workingDays = req.application.onramp.workingDays
        return try await req.insight("what-works", period?.key ?? "all", segment.rawValue) {
            try await Self.report($0, period: period, segment: segment, workingDays: workingDays, on: $1)
        }
    }

    /// The figures for `period` (all time when nil), grouped by `segment`.
    static func report(_ scope: Scope, period: FinancialQuarter?, segment: OutcomeSegment, workingDays: WorkingDays, on database: any Database) async throws -> Report {
        let loaded = try await WhatWorksQueries.load(scope, period: period, segment: segment, on: database)
        let groups: [(value: String?, label: String)] = segment == .everyone ? [] : segment.groups.map { (value: Optional($0.value), label: $0.label) } + [(value: nil, label: "Not known")]
        let offers = loaded.map { offered -> (offer: HelpOffer, groups: [(label: String, line: WhatWorksLine)], total: WhatWorksLine) in
            let (lines, total) = WhatWorks.lines(offered.records, groups: groups.isEmpty ? [nil] : groups.map(\.value), workingDays: workingDays)
            let labelled: [(label: String, line: WhatWorksLine)] = groups.isEmpty ? [] : zip(groups, lines).map { (label: $0.label, line: $1) }
            return (offer: offered.offer, groups: labelled, total: total)
        }
        let council = try await ProgrammeAreas.councilName(scope, on: database)
        return Report(council: council, period: period, segment: segment, offers: offers)
    }

    func page(req: Request) async throws -> Response {
        let report = try await report(req)
        return req.render(WhatWorksPages.page(report.value, workedOut: report.workedOut, today: WorkingDays.today(Date())))
    }

    func csv(req: Request) async throws -> Response {
        let report = try await report(req).value
        var lines = [CSVWriting.line(["offer", "group", "referred", "fulfilled", "median_working_days_to_first_contact", "median_working_days_to_fulfilment",
                                      "follow_ups_ended", "answered_share", "online_share", "online_low_95", "online_high_95", "median_tasks_gained"])]
        for (offer, groups, total) in report.offers {
            for (label, line) in groups + [("All", total)] {
                lines.append(CSVWriting.line([offer.name, label] + WhatWorksPages.fields(line)))
            }
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "what-works-\(report.period?.key ?? "all-time").csv")
        return response
    }

    func json(req: Request) async throws -> Response {
        let report = try await report(req).value
        struct Line: Encodable { let group: String; let figures: [String: String] }
        struct Offer: Encodable { let offer: String; let lines: [Line] }
        struct Body: Encodable { let council: String; let period: String; let groupedBy: String; let note: String; let offers: [Offer] }
        let keys = ["referred", "fulfilled", "median_working_days_to_first_contact", "median_working_days_to_fulfilment", "follow_ups_ended",
                    "answered_share", "online_share", "online_low_95", "online_high_95", "median_tasks_gained"]
        let body = Body(council: report.council, period: report.period?.label ?? "All time", groupedBy: report.segment.label, note: WhatWorksPages.note,
                        offers: report.offers.map { offer, groups, total in
                            Offer(offer: offer.name, lines: (groups + [("All", total)]).map { label, line in
                                Line(group: label, figures: Dictionary(uniqueKeysWithValues: zip(keys, WhatWorksPages.fields(line))))
                            })
                        })
        let response = Response(status: .ok)
        try response.content.encode(body, as: .json)
        response.headers.contentDisposition = .init(.attachment, filename: "what-works-\(report.period?.key ?? "all-time").json")
        return response
    }
}
