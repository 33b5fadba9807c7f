/// Short random codes people may have to read out on the phone: no 0/O, 1/I/L or U.
public enum ShortCode {
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")

    public static func make<G: RandomNumberGenerator>(length: Int, using generator: inout G) -> String {
        String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    public static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(length: length, using: &generator)
    }
}
