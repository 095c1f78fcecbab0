// glibc's getopt_long as strace calls it (optstring "+..."): options end at the first
// argument that is not one, or after "--"; long names may be abbreviated to a unique prefix;
// a short option's value may be attached (-s64) or the next argument. The error messages are
// glibc's, word for word, so a mistake reads as it does under strace.

/// One option: an optional short letter and long name, and whether it takes a value (an
/// optional value only in the long form, --quiet[=SET], as strace's -q takes none).
struct GetoptOption<ID: Sendable>: Sendable {
    enum Argument: Sendable { case none, required, optional }
    var short: Character?
    var long: String?
    var argument: Argument
    var id: ID
}

/// An option as given: which one, the value it came with, and how it was spelled (-s or --string-limit).
struct GivenOption<ID> {
    var id: ID
    var value: String?
    var spelling: String
}

/// A usage mistake: glibc's (or strace's) message, without the program name.
struct GetoptError: Error, Equatable {
    var message: String
}

/// Splits `arguments` (without argv[0]) into the options before PROG, in order, and the index
/// of PROG (== arguments.count when there is none).
func getoptLong<ID>(_ arguments: [String], options: [GetoptOption<ID>]) throws(GetoptError) -> (given: [GivenOption<ID>], operands: Int) {
    var given: [GivenOption<ID>] = []
    var i = 0
    while i < arguments.count {
        let arg = arguments[i]
        if arg == "--" { return (given, i + 1) }
        guard arg.hasPrefix("-"), arg != "-" else { break }
        i += 1
        if arg.hasPrefix("--") {
            let body = arg.dropFirst(2)
            let name = body.prefix { $0 != "=" }
            let attached = name.count < body.count ? String(body.dropFirst(name.count + 1)) : nil
            let option = try longOption(String(name), whole: String(body), options: options)
            let longName = "--" + (option.long ?? "")
            var value: String?
            switch option.argument {
            case .none:
                if attached != nil { throw GetoptError(message: "option '\(longName)' doesn't allow an argument") }
            case .optional:
                value = attached
            case .required:
                if let attached {
                    value = attached
                } else if i < arguments.count {
                    value = arguments[i]
                    i += 1
                } else {
                    throw GetoptError(message: "option '\(longName)' requires an argument")
                }
            }
            given.append(GivenOption(id: option.id, value: value, spelling: longName))
            continue
        }
        // A cluster of short options: -fqq, -s64, -o FILE.
        var rest = Substring(arg.dropFirst())
        while let letter = rest.first {
            rest = rest.dropFirst()
            guard let option = options.first(where: { $0.short == letter }) else {
                throw GetoptError(message: "invalid option -- '\(letter)'")
            }
            var value: String?
            switch option.argument {
            case .none, .optional:
                // strace's short options have no optional values (-qq is -q twice); its long ones do.
                break
            case .required:
                if !rest.isEmpty {
                    value = String(rest)
                    rest = ""
                } else if i < arguments.count {
                    value = arguments[i]
                    i += 1
                } else {
                    throw GetoptError(message: "option requires an argument -- '\(letter)'")
                }
            }
            given.append(GivenOption(id: option.id, value: value, spelling: "-" + String(letter)))
        }
    }
    return (given, i)
}

/// The long option `name` names: an exact match, else the only one it is a prefix of.
private func longOption<ID>(_ name: String, whole: String, options: [GetoptOption<ID>]) throws(GetoptError) -> GetoptOption<ID> {
    if let exact = options.first(where: { $0.long == name }) { return exact }
    let candidates = name.isEmpty ? [] : options.filter { $0.long?.hasPrefix(name) == true }
    guard let first = candidates.first else { throw GetoptError(message: "unrecognized option '--\(whole)'") }
    if candidates.count > 1 {
        let list = candidates.map { " '--\($0.long ?? "")'" }.joined()
        throw GetoptError(message: "option '--\(name)' is ambiguous; possibilities:\(list)")
    }
    return first
}
