/// Cheaper broadband for people on benefits. Shown with the social tariff offer so a resident
/// (or the officer with them) can choose a provider. Prices change: the list says when it was
/// checked, and the page tells people to confirm with the provider.
public struct SocialTariff: Sendable, Equatable {
    public let provider: String
    public let name: String
    /// Pounds per month.
    public let monthlyPrice: String
    public let speed: String
    /// Benefits, as the triage's answer values.
    public let qualifyingBenefits: [String]
}

public enum SocialTariffs {
    public static let checked = "April 2023 (Which?, Ofcom)"

    static let core = ["universal-credit", "pension-credit", "income-support", "jsa", "esa"]

    public static let list: [SocialTariff] = [
        .init(provider: "BT", name: "Home Essentials", monthlyPrice: "15.00", speed: "36Mbps", qualifyingBenefits: core),
        .init(provider: "BT", name: "Home Essentials 2", monthlyPrice: "20.00", speed: "67Mbps", qualifyingBenefits: core),
        .init(provider: "Virgin Media", name: "Essential Broadband", monthlyPrice: "12.50", speed: "15Mbps", qualifyingBenefits: core),
        .init(provider: "Virgin Media", name: "Essential Broadband Plus", monthlyPrice: "20.00", speed: "54Mbps", qualifyingBenefits: core),
        .init(provider: "Sky", name: "Broadband Basics", monthlyPrice: "20.00", speed: "36Mbps", qualifyingBenefits: core),
        .init(provider: "Community Fibre", name: "Essential Fibre", monthlyPrice: "12.50", speed: "35Mbps", qualifyingBenefits: core),
        .init(provider: "Hyperoptic", name: "Fair Fibre", monthlyPrice: "15.00", speed: "50Mbps", qualifyingBenefits: core + ["pip"]),
        .init(provider: "Vodafone", name: "Essentials Broadband", monthlyPrice: "12.00", speed: "38Mbps", qualifyingBenefits: core + ["pip"]),
    ]

    /// The tariffs a resident's benefits qualify for.
    public static func available(to answers: TriageAnswers) -> [SocialTariff] {
        let benefits = Set(answers["benefits"])
        return list.filter { !benefits.isDisjoint(with: $0.qualifyingBenefits) }
    }
}
