import Foundation

/// Cheaper broadband for people on benefits. Shown with the social tariff offer so a resident
/// (or the officer with them) can choose a provider. Prices change: each carries the day it was
/// checked, residents are told to confirm with the provider, and staff are told when a price
/// has gone unchecked for a year.
public struct SocialTariff: Sendable, Equatable {
    public let provider: String
    public let name: String
    /// Pounds per month, "15.00".
    public let monthlyPrice: String
    public let speed: String
    /// Benefits, as the triage's answer values.
    public let qualifyingBenefits: [String]
    public let checkedOn: CalendarDay

    public init(provider: String, name: String, monthlyPrice: String, speed: String, qualifyingBenefits: [String], checkedOn: CalendarDay) {
        (self.provider, self.name, self.monthlyPrice, self.speed) = (provider, name, monthlyPrice, speed)
        (self.qualifyingBenefits, self.checkedOn) = (qualifyingBenefits, checkedOn)
    }

    /// Checks a tariff as staff typed it; nil with the problems in `errors`.
    public static func validate(
        provider: String?, name: String?, monthlyPrice: String?, speed: String?, benefits: [String], checkedOn: DateParts, today: CalendarDay, into errors: inout FormErrors
    ) -> SocialTariff? {
        let provider = errors.text("provider", provider, label: "the provider", maxLength: 60)
        let name = errors.text("name", name, label: "the tariff\u{2019}s name", maxLength: 80)
        let priceText = errors.text("monthly_price", monthlyPrice, label: "the price a month", maxLength: 10).replacingOccurrences(of: "\u{A3}", with: "")
        let price = Decimal(string: priceText)
        if !priceText.isEmpty, price == nil || price! <= 0 || price! > 200 { errors.add("monthly_price", "Enter the price a month in pounds, like 15.00") }
        let speed = errors.text("speed", speed, label: "the speed", maxLength: 30)
        let known = Set(TriageQuestions.question("benefits")?.options.map(\.value) ?? [])
        let chosen = benefits.filter { known.contains($0) && $0 != "none" }
        if chosen.isEmpty { errors.add("benefits", "Select the benefits that qualify") }
        let checked = CalendarDay.parse(checkedOn, field: "checked", label: "The day the price was checked", required: "Enter the day the price was checked", into: &errors)
        if let checked, today < checked { errors.add("checked", "The day the price was checked must be today or in the past") }
        guard errors.isEmpty, let price, let checked else { return nil }
        return SocialTariff(provider: provider, name: name, monthlyPrice: String(format: "%.2f", NSDecimalNumber(decimal: price).doubleValue), speed: speed,
                            qualifyingBenefits: chosen, checkedOn: checked)
    }
}

public enum SocialTariffs {
    /// After a year a price is not to be relied on: staff are asked to check it.
    public static let staleAfterDays = 365

    public static func isStale(_ tariff: SocialTariff, today: CalendarDay) -> Bool {
        tariff.checkedOn < today.adding(days: -staleAfterDays)
    }

    static let core = ["universal-credit", "pension-credit", "income-support", "jsa", "esa"]
    /// When the shipped list was checked, against Which? and Ofcom's lists.
    static let shippedCheck = CalendarDay(year: 2023, month: 4, day: 1)!

    /// The list a council starts from, then keeps up to date.
    public static let standard: [SocialTariff] = [
        .init(provider: "BT", name: "Home Essentials", monthlyPrice: "15.00", speed: "36Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "BT", name: "Home Essentials 2", monthlyPrice: "20.00", speed: "67Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "Virgin Media", name: "Essential Broadband", monthlyPrice: "12.50", speed: "15Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "Virgin Media", name: "Essential Broadband Plus", monthlyPrice: "20.00", speed: "54Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "Sky", name: "Broadband Basics", monthlyPrice: "20.00", speed: "36Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "Community Fibre", name: "Essential Fibre", monthlyPrice: "12.50", speed: "35Mbps", qualifyingBenefits: core, checkedOn: shippedCheck),
        .init(provider: "Hyperoptic", name: "Fair Fibre", monthlyPrice: "15.00", speed: "50Mbps", qualifyingBenefits: core + ["pip"], checkedOn: shippedCheck),
        .init(provider: "Vodafone", name: "Essentials Broadband", monthlyPrice: "12.00", speed: "38Mbps", qualifyingBenefits: core + ["pip"], checkedOn: shippedCheck),
    ]

    /// The tariffs of `list` a resident's benefits qualify for.
    public static func available(to answers: TriageAnswers, from list: [SocialTariff] = standard) -> [SocialTariff] {
        let benefits = Set(answers["benefits"])
        return list.filter { !benefits.isDisjoint(with: $0.qualifyingBenefits) }
    }
}
