// Shell completion for bash and zsh: swift-argument-parser's script for the subcommands, and
// a function of ours in front of it for a run, `dunetrace [OPTIONS] PROG [ARGS]` (options from
// RunOption's table, then a command, then that command's own completion).
import ArgumentParser

func completionScript(for shell: CompletionShell) -> String? {
    switch shell {
    case .bash: return bashCompletion()
    case .zsh: return zshCompletion()
    default: return nil
    }
}

private extension RunOption {
    /// The value's name in the synopsis ("FILE" for "-o FILE, --output=FILE").
    var valueName: String {
        let words = synopsis.split { " =,[]".contains($0) }
        return words.first { $0.count > 1 && $0.allSatisfy { $0.isUppercase } }.map(String.init) ?? "VALUE"
    }

    /// The short help for a menu: its first clause.
    var summary: String { String(help.prefix { $0 != ":" && $0 != "(" && $0 != ";" }).trimmingCharacters(in: .whitespaces) }
}

private func bashCompletion() -> String {
    let options = RunOption.listed
    let words = options.flatMap { o in [o.getopt.short.map { "-\($0)" }, o.getopt.long.map { "--\($0)" }].compactMap { $0 } }
    let valued = options.filter { $0.getopt.argument == .required }
        .flatMap { o in [o.getopt.short.map { "-\($0)" }, o.getopt.long.map { "--\($0)" }].compactMap { $0 } }
    let files = options.filter { $0.valueName == "FILE" }
        .flatMap { o in [o.getopt.short.map { "-\($0)" }, o.getopt.long.map { "--\($0)" }].compactMap { $0 } }
    let subcommands = Dunetrace.subcommandNames + ["help"]
    return Dunetrace.completionScript(for: .bash) + """

        # A run, `dunetrace [OPTIONS] [--] PROG [ARGS]`; a first word naming a subcommand goes to _dunetrace.
        _dunetrace_run() {
            local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
            local -r subcommands=" \(subcommands.joined(separator: " ")) "
            if [[ ${COMP_CWORD} -gt 1 && "${subcommands}" == *" ${COMP_WORDS[1]} "* ]]; then
                _dunetrace "$@"
                return
            fi
            local -r valued=" \(valued.joined(separator: " ")) "
            local -i i=1
            local ended=false
            while [[ ${i} -lt ${COMP_CWORD} ]]; do
                local word="${COMP_WORDS[i]}"
                if [[ "${word}" == "--" ]]; then ended=true; i+=1; break; fi
                [[ "${word}" == -?* ]] || break
                # bash splits --name=value into three words.
                if [[ "${COMP_WORDS[i+1]}" == "=" ]]; then
                    i+=2
                elif [[ "${valued}" == *" ${word} "* ]]; then
                    i+=1
                fi
                i+=1
            done
            if [[ ${i} -lt ${COMP_CWORD} ]]; then
                # PROG is word i: its arguments complete as PROG's own completion says.
                if declare -F _command_offset >/dev/null; then
                    _command_offset "${i}"
                else
                    COMPREPLY=($(compgen -f -- "${cur}"))
                fi
                return
            fi
            if ! ${ended}; then
                [[ "${prev}" == "=" ]] && prev="${COMP_WORDS[COMP_CWORD-2]}"
                case "${prev}" in
                \(files.joined(separator: "|")))
                    COMPREPLY=($(compgen -f -- "${cur}")); return ;;
                --generate-completion-script)
                    COMPREPLY=($(compgen -W "bash zsh" -- "${cur}")); return ;;
                \(valued.filter { !files.contains($0) && $0 != "--generate-completion-script" }.joined(separator: "|")))
                    return ;;
                esac
                if [[ "${cur}" == -* ]]; then
                    COMPREPLY=($(compgen -W "\(words.joined(separator: " "))" -- "${cur}"))
                    return
                fi
            fi
            COMPREPLY=($(compgen -c -- "${cur}") $(compgen -f -- "${cur}"))
            if [[ ${COMP_CWORD} -eq 1 ]]; then
                COMPREPLY+=($(compgen -W "${subcommands}" -- "${cur}"))
            fi
        }

        complete -o filenames -F _dunetrace_run dunetrace

        """
}

private func zshCompletion() -> String? {
    // swift-argument-parser's script: its _dunetrace becomes _dunetrace_subcommands, and the
    // block that calls or registers it gives way to ours.
    let generated = Dunetrace.completionScript(for: .zsh)
    guard let entry = generated.range(of: "\n_dunetrace() {\n"),
          let tail = generated.range(of: "\nif [[ \"${funcstack[1]}\" = _dunetrace ]]; then", options: .backwards)
    else { return nil }
    var script = generated[..<tail.lowerBound].replacingCharacters(in: entry, with: "\n_dunetrace_subcommands() {\n")
    func quoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: ":", with: "\\:")
            .replacingOccurrences(of: "'", with: "'\\''")
    }
    var specs: [String] = []
    for o in RunOption.listed {
        let help = "[" + quoted(o.summary) + "]"
        let action = o.valueName == "FILE" ? "_files" : o.getopt.id == .completionScript ? "(bash zsh)" : " "
        let value = ":" + quoted(o.valueName) + ":" + action
        if let short = o.getopt.short {
            switch o.getopt.argument {
            case .none: specs.append("'*-\(short)\(help)'")
            case .required: specs.append("'*-\(short)+\(help)\(value)'")
            case .optional: specs.append("'*-\(short)\(help)'")
            }
        }
        if let long = o.getopt.long {
            switch o.getopt.argument {
            case .none: specs.append("'*--\(long)\(help)'")
            case .required: specs.append("'*--\(long)=\(help)\(value)'")
            case .optional: specs.append("'*--\(long)=-\(help):\(value)'")
            }
        }
    }
    let subcommands = Dunetrace.subcommandNames + ["help"]
    script += """

        # A run, `dunetrace [OPTIONS] [--] PROG [ARGS]`; a first word naming a subcommand goes to
        # _dunetrace_subcommands (swift-argument-parser's).
        _dunetrace() {
            local -ar subcommands=(\(subcommands.joined(separator: " ")))
            if (( CURRENT > 2 && ${subcommands[(Ie)${words[2]}]} )); then
                _dunetrace_subcommands "$@"
                return
            fi
            local -ar run_specs=(
                \(specs.joined(separator: "\n        "))
                '(-)1: :->prog'
                '*::arguments:_normal'
            )
            local state
            _arguments -s -S : "${run_specs[@]}" && return 0
            if [[ "${state}" == prog ]]; then
                if (( CURRENT == 2 )); then
                    _alternative 'subcommands:subcommand:(${subcommands})' 'commands:command:_command_names -e' 'files:file:_files'
                else
                    _alternative 'commands:command:_command_names -e' 'files:file:_files'
                fi
            fi
        }

        if [[ "${funcstack[1]}" = _dunetrace ]]; then
            _dunetrace "${@}"
        else
            compdef _dunetrace dunetrace
        fi

        """
    return script
}
