import FluentKit

extension Error {
    /// A unique index refused a row: two people did the same thing at the same moment, and the
    /// check made before writing could not see the other. Answered as a form error, not a 500.
    var isConstraintFailure: Bool {
        (self as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
