import Foundation
import OnrampCore
import Vapor

/// A batch of SIMs or vouchers, as typed; its CSV is read with `Request.uploadedFile`.
struct DataBatchForm: Content {
    var batch: String?
}

/// Giving a resident data: which referral, and which network and kind.
struct DataGiveForm: Content {
    var referral: String?
    var pack: String?

    /// "Vodafone|sim", as the choice's value.
    static func value(_ line: DataStock.Line) -> String { "\(line.network)|\(line.kind.rawValue)" }

    var choice: (network: String, kind: DataPackKind)? {
        guard let pack, let bar = pack.lastIndex(of: "|"), let kind = DataPackKind(rawValue: String(pack[pack.index(after: bar)...])) else { return nil }
        return (String(pack[..<bar]), kind)
    }
}

enum DataBankPages {
    struct Forms {
        var batch = DataBatchForm()
        var give = DataGiveForm()
        var errors = FormErrors()
        var problems: [String] = []
    }

    static func bank(_ stock: DataStock, waiting: [QueueRow], hasKey: Bool, forms: Forms, token: String) -> Page {
        let errors = forms.errors
        let rows = stock.lines.map { line -> [HTML] in
            let forecast = line.forecast
            let lasts: HTML = forecast.isLow() ? "\(forecast.words(weeks: KitStock.weeks)) \(Components.tag("Low", colour: .red))" : "\(forecast.words(weeks: KitStock.weeks))"
            return ["\(line.network)", "\(line.kind.label)", "\(line.available)", "\(CalendarDay.spoken(line.soonestExpiry))", "\(line.expired)", "\(String(format: "%.1f", forecast.perWeek))", lasts]
        }
        let packs = [Components.Choice(value: "", label: "Choose a network")] + stock.lines.filter { $0.available > 0 }.map {
            Components.Choice(value: DataGiveForm.value($0), label: "\($0.network) \($0.kind.label.lowercased()) (\($0.available) left)")
        }
        let referrals = [Components.Choice(value: "", label: waiting.isEmpty ? "No referral is waiting for data" : "Choose a referral")] + waiting.map {
            Components.Choice(value: $0.referral.id.uuidString.lowercased(), label: "\($0.reference): \($0.residentName)")
        }
        let forms: HTML = !hasKey ? """
        <div class="govuk-inset-text">The data bank needs a key to keep codes safe. Ask whoever runs Onramp to set <code>ONRAMP_DATA_KEY</code>; until then no codes can be recorded or given.</div>
        """ : """
        <h2 class="govuk-heading-m">Give data to a resident</h2>
        <p class="govuk-body">The SIM or voucher that expires soonest is given, the referral is marked fulfilled and the resident is told. Its code is shown to you once, on the next page.</p>
        \(Components.form(action: SiteURL.kitDataGive.path, token: token, """
        \(Components.select(name: "referral", label: "Referral", options: referrals, selected: forms.give.referral?.lowercased(), error: errors["referral"], hint: "Referrals for a data SIM whose resident has been contacted"))
        \(Components.select(name: "pack", label: "Network", options: packs, selected: forms.give.pack, error: errors["pack"]))
        \(Components.button("Give and show the code"))
        """))
        <h2 class="govuk-heading-m">Record a batch of SIMs or vouchers</h2>
        \(Components.form(action: SiteURL.kitData.path, token: token, withFiles: true, """
        \(Components.textInput(name: "batch", label: "Batch", value: forms.batch.batch, error: errors["batch"], hint: "Where it came from, like National Databank, November 2026"))
        \(Components.fileUpload(name: "file", label: "The SIMs or vouchers, as a CSV file", hint: "Columns kind (sim or voucher), network, allowance_gb (a month), months, expires_on (like 2027-05-31), code.",
                                 accept: ".csv,text/csv", error: errors["file"], problems: forms.problems))
        \(Components.button("Record batch"))
        """))
        """
        return Page(title: "Data bank", errors: errors, backLink: SiteURL.kit.path, content: """
        <h1 class="govuk-heading-l">Data bank</h1>
        <p class="govuk-body">SIM cards and data vouchers for residents who cannot afford data. Codes are kept sealed and shown only when one is given.</p>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No SIMs or vouchers yet.</p>" as HTML : Components.table(caption: "Stock by network", head: ["Network", "Kind", "Left", "First expires", "Expired unused", "Given a week", "Lasts"], rows: rows, numericColumns: [2, 4, 5]))
        \(forms)
        """)
    }

    /// The code, once: staff read it to the resident or write it down for them now.
    static func given(_ pack: DataPack, code: String, to row: QueueRow?) -> Page {
        Page(title: "Code for \(row?.reference ?? "the resident")", backLink: SiteURL.kitData.path, content: """
        <div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">\(pack.words) given</h1></div>
        <p class="govuk-body">Give \(row?.residentName ?? "the resident") this code now. It will not be shown again.</p>
        <p class="app-code-shown">\(code)</p>
        \(Components.summaryList([
            .init(key: "Reference", value: "\(row?.reference ?? "")"), .init(key: "Data", value: "\(pack.words)"),
            .init(key: "Ends", value: "\(CalendarDay.spoken(pack.endsOn))"), .init(key: "Expires if not used by", value: "\(CalendarDay.spoken(pack.expiresOn))"),
        ]))
        <p class="govuk-body">The referral is marked fulfilled and the resident has been told. They will be reminded two weeks before their data ends.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.kitData.path)">Back to the data bank</a></p>
        """)
    }
}
