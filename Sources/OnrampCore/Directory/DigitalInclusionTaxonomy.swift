/// The digital-inclusion taxonomy Onramp ships: four groups and their terms, with ids that
/// never change, so that feeds from different councils mean the same thing by the same id.
/// A council adds terms of its own under these or beside them.
public enum DigitalInclusionTaxonomy {
    public static let taxonomy = ORUK.Taxonomy(
        id: "7a5453e7-fa78-51e8-81e1-9076c042b5ac", name: "Onramp digital inclusion",
        description: "Kinds of help to get online: places, skills, devices, data and accessibility.",
        uri: nil, version: "1"
    )

    /// Each group, then its terms, in the order pages list them.
    public static let terms: [ORUK.TaxonomyTerm] = {
        var terms: [ORUK.TaxonomyTerm] = []
        func group(_ id: String, _ code: String, _ name: String, _ description: String, _ children: [(String, String, String, String)]) {
            terms.append(ORUK.TaxonomyTerm(id: id, code: code, name: name, description: description, parent_id: nil, taxonomy_id: taxonomy.id))
            for (childID, childCode, childName, childDescription) in children {
                terms.append(ORUK.TaxonomyTerm(id: childID, code: childCode, name: childName, description: childDescription, parent_id: id, taxonomy_id: taxonomy.id))
            }
        }
        group("5b0ca72d-3607-50e8-9995-905c9e1a134a", "getting-online", "Getting online", "Places and equipment to get online for free or cheaply.", [
            ("9e30f66e-ae9f-54ff-90af-57871fb076d2", "free-wifi", "Free Wi-Fi", "Free Wi-Fi that anyone can use."),
            ("12c11c19-134d-5d19-9bd4-1aa308989f8d", "public-computers", "Public computers", "Computers anyone can use for free, such as in a library."),
            ("6c49b3c4-ce65-5dd5-b7f1-508779e1a6f1", "printing", "Printing and scanning", "Printing, scanning and photocopying for documents and forms."),
        ])
        group("406976c2-43b8-586a-b740-765c93e5dd38", "learning", "Skills and support", "Help to learn and use digital skills.", [
            ("66867407-e944-5a9e-ab02-77135c9a28f9", "skills-classes", "Digital skills classes", "Group classes on using computers, phones and the internet."),
            ("a62107cb-157d-5336-9c64-7c900e605830", "one-to-one-help", "One-to-one help", "A trained helper or digital champion who sits with you."),
            ("7ed541ed-e1b7-5cd8-8a2a-57a6b3d3a5ff", "help-with-online-forms", "Help with online forms", "Help to fill in forms online, such as benefits or housing."),
            ("b53f3e4d-a4e4-5bf7-a32d-02c789a3d139", "health-apps", "Help with health apps", "Help to use the NHS App and other health services online."),
        ])
        group("99571683-3a2a-5e22-8aa5-0b0daa0dee5b", "devices-and-data", "Devices and data", "Devices, mobile data and cheaper internet.", [
            ("8598d40a-3576-5e96-a246-a0dff9806925", "device-gift", "Device gift", "A laptop, tablet or phone to keep."),
            ("0a416eeb-384f-5758-8c9d-afba9de2d0b6", "device-loan", "Device loan", "A laptop or tablet to borrow for a time."),
            ("6d4cd501-d602-5326-a70a-0ca0e48650a1", "data-sims", "Free data SIMs", "A SIM card with free mobile data."),
            ("2110d7ce-67ee-5197-beda-bffa6962ba87", "social-tariffs", "Social tariffs", "Cheaper broadband or phone deals for people on benefits."),
        ])
        group("9b7506b6-48e3-575b-8b04-2951fa5e3f42", "accessibility", "Accessibility", "Technology that makes devices easier to use.", [
            ("ec486bbf-180f-59ff-aa07-3ddc1a3f0a82", "assistive-technology", "Assistive technology", "Screen readers, magnifiers and other assistive technology to try or borrow."),
        ])
        return terms
    }()

    public static func term(code: String) -> ORUK.TaxonomyTerm? { terms.first { $0.code == code } }
}
