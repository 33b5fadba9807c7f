import Fluent

/// Every migration, in the order they run. Append only: a released migration never changes.
enum Migrations {
    static let all: [any Migration] = [
        CreateOrganisations(),
        CreateUsers(),
        CreateUserSessions(),
        CreateSignInAttempts(),
        CreateInvitations(),
        CreateAuditEvents(),
        CreateOutboxMessages(),
        CreatePlaces(),
        CreateIndexRuns(),
        CreateAreaShapes(),
        CreateLibraryPoints(),
        AddIndexRunGeography(),
        CreateCouncilIndicators(),
        CreateDirectory(),
        CreateCases(),
        CreateKit(),
        CreateKitAllocations(),
        CreateDataBank(),
        CreateResidentViews(),
        AddTriageDraftAskedToken(),
        CreateCouncilContacts(),
        AddOutboxLargePrint(),
        AddHouseholdQuantities(),
        CreateSocialTariffs(),
        AddResidentSearchKeys(),
        CreateSkillSessions(),
        CreateChampions(),
        CreateSkillsReviews(),
        AddReferralCombinedInto(),
        CreateFollowUps(),
        CreateScheduledJobs(),
        AddPostcodeAreas(),
    ]
}
