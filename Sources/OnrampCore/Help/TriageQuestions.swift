/// One question of the triage. Every channel (the resident alone, an officer on the phone, the
/// paper form keyed in later) asks these, in this order, with the same branching.
public struct TriageQuestion: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Radios: one answer.
        case single
        /// Checkboxes: one or more answers; an option marked `exclusive` ("None of these") stands alone.
        case multiple
        /// The eight foundation tasks, each answered alone / with help / cannot.
        case skills
        /// A postcode, optional.
        case postcode
    }

    public struct Option: Sendable, Equatable {
        public let value: String
        public let label: String
        public var exclusive = false
    }

    public let id: String
    public let title: String
    public let hint: String?
    public let kind: Kind
    public let options: [Option]
    /// Asked only when this holds over the answers so far: the branching, in the rule language.
    public let askedWhen: EligibilityRule?
    /// The short label on the check-your-answers page.
    public let summaryLabel: String

    public func option(_ value: String) -> Option? { options.first { $0.value == value } }

    /// Stored answers in words, "large-print,easy-read" as "Large print, Easy read".
    public func words(_ stored: String) -> String {
        stored.split(separator: ",").map { option(String($0))?.label ?? String($0) }.joined(separator: ", ")
    }
}

/// The standard questions. They ask what people have, not what they "need".
public enum TriageQuestions {
    public static let skillTasks: [TriageQuestion.Option] = [
        .init(value: "turn-on", label: "Turn on a device and log in"),
        .init(value: "controls", label: "Use the controls: keyboard, mouse or touch screen"),
        .init(value: "accessibility", label: "Change settings to make it easier to use, like bigger text"),
        .init(value: "open-app", label: "Find and open an app or program"),
        .init(value: "wifi", label: "Connect to Wi-Fi"),
        .init(value: "browser", label: "Use a web browser to find a website"),
        .init(value: "passwords-safe", label: "Keep passwords safe"),
        .init(value: "passwords-update", label: "Change or update a password"),
    ]

    public static let skillLevels: [TriageQuestion.Option] = [
        .init(value: "alone", label: "I can do this on my own"),
        .init(value: "with-help", label: "I can do this with help"),
        .init(value: "cannot", label: "I cannot do this yet"),
    ]

    public static let standard: [TriageQuestion] = [
        .init(id: "devices", title: "Which of these can you use?", hint: "Select all that you can use, even if they belong to someone else.", kind: .multiple, options: [
            .init(value: "smartphone", label: "A smartphone"),
            .init(value: "tablet", label: "A tablet, like an iPad"),
            .init(value: "laptop", label: "A laptop"),
            .init(value: "desktop", label: "A desktop computer"),
            .init(value: "basic-phone", label: "A basic mobile phone (calls and texts only)"),
            .init(value: "none", label: "None of these", exclusive: true),
        ], askedWhen: nil, summaryLabel: "Devices you can use"),
        .init(id: "device-ownership", title: "Are these devices your own?", hint: nil, kind: .single, options: [
            .init(value: "own", label: "Yes, they are mine"),
            .init(value: "shared", label: "I share them with someone in my home"),
            .init(value: "borrowed", label: "No, I borrow them or use them somewhere else"),
        ], askedWhen: .condition(.init(fact: "devices", oneOf: internetDevices)), summaryLabel: "Whose devices"),
        .init(id: "connection", title: "How do you get online?", hint: "Select all that apply.", kind: .multiple, options: [
            .init(value: "home-broadband", label: "Broadband at home"),
            .init(value: "mobile-data", label: "Mobile data, on a phone or a plug-in internet stick"),
            .init(value: "public-wifi", label: "Free Wi-Fi, like at a library or caf\u{E9}"),
            .init(value: "none", label: "I do not get online", exclusive: true),
        ], askedWhen: nil, summaryLabel: "How you get online"),
        .init(id: "enough-internet", title: "Do you have enough internet for what you need?", hint: "For example, do you run out of data before the end of the month?", kind: .single, options: [
            .init(value: "yes", label: "Yes"),
            .init(value: "sometimes", label: "Sometimes I run out"),
            .init(value: "no", label: "No"),
        ], askedWhen: .not(.condition(.init(fact: "connection", oneOf: ["none"]))), summaryLabel: "Enough internet"),
        .init(id: "used-before", title: "Have you used the internet before?", hint: nil, kind: .single, options: [
            .init(value: "yes", label: "Yes"),
            .init(value: "no", label: "No"),
        ], askedWhen: .condition(.init(fact: "connection", oneOf: ["none"])), summaryLabel: "Used the internet before"),
        .init(id: "age", title: "How old are you?", hint: "Some help is only for certain ages.", kind: .single, options: [
            .init(value: "under-18", label: "Under 18"),
            .init(value: "18-24", label: "18 to 24"),
            .init(value: "25-49", label: "25 to 49"),
            .init(value: "50-64", label: "50 to 64"),
            .init(value: "65-74", label: "65 to 74"),
            .init(value: "75-plus", label: "75 or over"),
        ], askedWhen: nil, summaryLabel: "Age"),
        .init(id: "benefits", title: "Do you get any of these?", hint: "Select all that you or your partner get. This helps us find help that is free for you.", kind: .multiple, options: [
            .init(value: "universal-credit", label: "Universal Credit"),
            .init(value: "pension-credit", label: "Pension Credit"),
            .init(value: "jsa", label: "Jobseeker\u{2019}s Allowance"),
            .init(value: "esa", label: "Employment and Support Allowance"),
            .init(value: "income-support", label: "Income Support"),
            .init(value: "pip", label: "Personal Independence Payment or Disability Living Allowance"),
            .init(value: "housing-benefit", label: "Housing Benefit"),
            .init(value: "council-tax-reduction", label: "Council Tax Reduction"),
            .init(value: "none", label: "None of these", exclusive: true),
        ], askedWhen: nil, summaryLabel: "Benefits"),
        .init(id: "income", title: "What is your household\u{2019}s income before tax, each year?", hint: "A rough figure is fine.", kind: .single, options: [
            .init(value: "under-16k", label: "Under \u{A3}16,000"),
            .init(value: "16k-25k", label: "\u{A3}16,000 to \u{A3}25,000"),
            .init(value: "over-25k", label: "Over \u{A3}25,000"),
            .init(value: "prefer-not", label: "I would rather not say"),
        ], askedWhen: nil, summaryLabel: "Household income"),
        .init(id: "struggling", title: "In the last year, have you struggled to pay a bill, like your phone or internet?", hint: nil, kind: .single, options: [
            .init(value: "yes", label: "Yes"),
            .init(value: "no", label: "No"),
            .init(value: "prefer-not", label: "I would rather not say"),
        ], askedWhen: nil, summaryLabel: "Struggled to pay a bill"),
        .init(id: "about-you", title: "Do any of these apply to you?", hint: "Select all that apply.", kind: .multiple, options: [
            .init(value: "children", label: "Children under 18 live with me"),
            .init(value: "care-leaver", label: "I grew up in care (a care leaver)"),
            .init(value: "disability", label: "I have a disability or long-term health condition"),
            .init(value: "none", label: "None of these", exclusive: true),
        ], askedWhen: nil, summaryLabel: "About you"),
        .init(id: "school-children", title: "How many children at school or college live with you and need a laptop or tablet for schoolwork?", hint: "Count those who have no laptop or tablet they can use for homework. Some help gives a device to each of them.", kind: .single, options: [
            .init(value: "0", label: "None"),
            .init(value: "1", label: "1"),
            .init(value: "2", label: "2"),
            .init(value: "3", label: "3"),
            .init(value: "4", label: "4 or more"),
        ], askedWhen: .condition(.init(fact: "about-you", oneOf: ["children"])), summaryLabel: "Children who need a device for schoolwork"),
        .init(id: "skills", title: "What can you do on a phone, tablet or computer?", hint: "Tell us honestly: there are no wrong answers.", kind: .skills, options: skillTasks, askedWhen: nil, summaryLabel: "Things you can do"),
        .init(id: "safety", title: "How confident are you about staying safe online and spotting scams?", hint: nil, kind: .single, options: [
            .init(value: "very", label: "Very confident"),
            .init(value: "fairly", label: "Fairly confident"),
            .init(value: "not-very", label: "Not very confident"),
            .init(value: "not-at-all", label: "Not at all confident"),
        ], askedWhen: nil, summaryLabel: "Staying safe online"),
        .init(id: "wants", title: "What would you like to do online?", hint: "Select all that interest you.", kind: .multiple, options: [
            .init(value: "family", label: "Keep in touch with family and friends"),
            .init(value: "health", label: "See my doctor or order prescriptions"),
            .init(value: "money", label: "Manage money, bills or benefits"),
            .init(value: "work", label: "Find work or learn new things"),
            .init(value: "schoolwork", label: "Schoolwork and homework"),
            .init(value: "shopping", label: "Shop and save money"),
            .init(value: "hobbies", label: "Hobbies, news and entertainment"),
            .init(value: "nothing", label: "I do not want to do more online", exclusive: true),
        ], askedWhen: nil, summaryLabel: "What you would like to do"),
        .init(id: "access-needs", title: "Do you need anything to help you take part?", hint: "Select all that apply.", kind: .multiple, options: [
            .init(value: "large-print", label: "Large print"),
            .init(value: "easy-read", label: "Easy read"),
            .init(value: "screen-reader", label: "I use a screen reader"),
            .init(value: "hearing", label: "Hearing support, like a hearing loop or British Sign Language (BSL)"),
            .init(value: "interpreter", label: "An interpreter"),
            .init(value: "none", label: "Nothing extra", exclusive: true),
        ], askedWhen: nil, summaryLabel: "Help to take part"),
        .init(id: "language", title: "Which language would you like us to use?", hint: nil, kind: .single, options: [
            .init(value: "english", label: "English"), .init(value: "welsh", label: "Welsh"),
            .init(value: "polish", label: "Polish"), .init(value: "romanian", label: "Romanian"),
            .init(value: "bengali", label: "Bengali"), .init(value: "urdu", label: "Urdu"),
            .init(value: "spanish", label: "Spanish"), .init(value: "portuguese", label: "Portuguese"),
            .init(value: "somali", label: "Somali"), .init(value: "arabic", label: "Arabic"),
            .init(value: "turkish", label: "Turkish"), .init(value: "yoruba", label: "Yoruba"),
            .init(value: "other", label: "Another language: we will ask when we contact you"),
        ], askedWhen: nil, summaryLabel: "Language"),
        .init(id: "contact-by", title: "How should we contact you?", hint: "Select all that suit you. We will only use them to tell you about your request.", kind: .multiple, options: [
            .init(value: "sms", label: "Text message"),
            .init(value: "email", label: "Email"),
            .init(value: "letter", label: "Letter"),
            .init(value: "phone", label: "Phone call"),
        ], askedWhen: nil, summaryLabel: "Contact by"),
        .init(id: "contact-when", title: "When is best to phone you?", hint: "Select all that suit you.", kind: .multiple, options: [
            .init(value: "mornings", label: "Mornings"),
            .init(value: "afternoons", label: "Afternoons"),
            .init(value: "evenings", label: "Evenings"),
            .init(value: "any", label: "Any time", exclusive: true),
        ], askedWhen: .condition(.init(fact: "contact-by", oneOf: ["phone"])), summaryLabel: "Best time to phone"),
        .init(id: "postcode", title: "What is your postcode?", hint: "Optional. It tells us whether you live in the council\u{2019}s area, and helps us find help near you, like free Wi-Fi.", kind: .postcode, options: [], askedWhen: nil, summaryLabel: "Postcode"),
        // Asked only without a postcode: a postcode says where someone lives.
        .init(id: "lives-in-area", title: "Do you live in the council\u{2019}s area?", hint: "Some help is only for residents.", kind: .single, options: [
            .init(value: "yes", label: "Yes"),
            .init(value: "no", label: "No"),
            .init(value: "not-sure", label: "I am not sure"),
        ], askedWhen: .condition(.init(fact: "placed-by-postcode", is: false)), summaryLabel: "Live in the area"),
    ]

    /// Devices that can go online: not a basic mobile phone, which makes calls and texts only.
    public static let internetDevices = ["smartphone", "tablet", "laptop", "desktop"]

    public static func question(_ id: String) -> TriageQuestion? { standard.first { $0.id == id } }
}
