// The dunetrace command line: `dunetrace [OPTIONS] [--] PROG [ARGS...]` runs PROG (RunCommand,
// parsed as strace parses its options), and `dunetrace SUBCOMMAND ...` the reporter's
// subcommands (swift-argument-parser).
import ArgumentParser
import DunetraceCore

@main
struct Dunetrace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dunetrace",
        abstract: "Trace the system calls of a program run under Dune (KVM process virtualization).",
        usage: "dunetrace [OPTIONS] [--] PROG [ARGS...]\n  dunetrace <subcommand> ...",
        discussion: "`dunetrace -h` lists the options of a run.",
        version: "0.1.0",
        subcommands: [
            ReplayCommand.self,
            StatCommand.self,
            DiffCommand.self,
            CompareCommand.self,
            ReportCommand.self,
        ])

    /// A first argument naming a subcommand (or `help SUBCOMMAND`) goes to the subcommands;
    /// anything else is a run, options first, as with strace.
    static func main() {
        if let name = CommandLine.arguments.first, !name.isEmpty { ProgramName.invoked = name }
        // The arguments' bytes as they are (RawPath): PROG's arguments need not be UTF-8.
        let arguments = (1..<Int(CommandLine.argc)).compactMap { CommandLine.unsafeArgv[$0].map { RawPath.string(cString: $0) } }
        switch arguments.first {
        case let name? where subcommandNames.contains(name):
            main(arguments)
        case "help"? where arguments.count > 1:
            main(arguments)
        case "help"?:
            RunCommand.main(["-h"])
        default:
            RunCommand.main(arguments)
        }
    }

    static var subcommandNames: [String] { configuration.subcommands.map { $0._commandName } }

    /// `dunetrace -h`: the run's options, then the subcommands.
    static func help() -> String {
        runHelp(subcommands: configuration.subcommands.map { ($0._commandName, $0.configuration.abstract) })
    }
}
