import Fluent
import OnrampCore
import Vapor

/// Tells a council's officers when ready devices, SIMs or vouchers will run out within four
/// weeks at the rate they are going. Each item is told at most once a week. Run daily.
enum StockAlerts {
    struct LowItem: Sendable, Equatable {
        let key: String
        let words: String
    }

    static let quietDays = 7

    /// What is low in a council now, in words for the officers' email.
    static func low(councilID: UUID, today: CalendarDay, now: Date, on database: any Database) async throws -> [LowItem] {
        let devices = try await KitStock.load(councilID: councilID, now: now, on: database)
        let data = try await DataStock.load(councilID: councilID, today: today, on: database)
        let lowDevices = DeviceType.allCases.map { ($0, devices.forecast($0)) }.filter { $0.1.isLow() }.map { type, forecast in
            LowItem(key: "device:\(type.rawValue)", words: "\(type.label)s: \(forecast.ready) ready, \(forecast.words(weeks: KitStock.weeks).lowercased()) left")
        }
        let lowData = data.lines.filter { $0.forecast.isLow() }.map { line in
            LowItem(key: "data:\(line.network):\(line.kind.rawValue)", words: "\(line.network) \(line.kind.label.lowercased())s: \(line.available) left, \(line.forecast.words(weeks: KitStock.weeks).lowercased()) left")
        }
        return lowDevices + lowData
    }

    /// Emails each active officer and administrator of every council with something newly
    /// low; returns how many councils were told.
    static func send(today: CalendarDay, kitURL: String, now: Date, on database: any Database) async throws -> Int {
        var told = 0
        for council in try await Organisation.councils(on: database) {
            let low = try await low(councilID: council.id!, today: today, now: now, on: database)
            guard !low.isEmpty else { continue }
            let recent = Set(try await StockAlert.query(on: database).filter(\.$councilID == council.id!).filter(\.$item ~~ low.map(\.key))
                .filter(\.$sentOn > today.adding(days: -quietDays).iso).all().map(\.item))
            let news = low.filter { !recent.contains($0.key) }
            guard !news.isEmpty else { continue }
            let officers = try await User.query(on: database).filter(\.$councilID == council.id!).filter(\.$role ~~ [.officer, .admin]).filter(\.$isActive == true).all()
            let body = """
            Stock that will run out within four weeks at the rate it is going:
            \(news.map { "- \($0.words)" }.joined(separator: "\n"))
            See the stock at \(kitURL).
            """
            try await database.transaction { tx in
                for officer in officers {
                    try await Outbox.queueEmail(on: tx, councilID: council.id!, to: officer.email, subject: "Low stock in the device and data bank", body: body, now: now)
                }
                for item in news {
                    let alert = StockAlert()
                    (alert.councilID, alert.item, alert.sentOn) = (council.id!, item.key, today.iso)
                    try await alert.create(on: tx)
                }
                try await Audit.record(.kitStockLow, by: .commandLine, recordType: "organisation", recordID: council.id, summary: news.map(\.words).joined(separator: "; "),
                                       councilID: council.id, on: tx, now: now)
            }
            told += 1
        }
        return told
    }
}
