/// Exit codes for commands that refuse their input, so scripts can tell. The command has
/// already said why.
public enum ExitCode: Int32, Error, CustomStringConvertible {
    case failure = 1
    case usage = 64

    public var description: String { self == .usage ? "the command was not given what it needs (see above)" : "the command failed (see above)" }
}
