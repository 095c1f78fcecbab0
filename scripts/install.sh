#!/usr/bin/env bash
# Installs dunetrace under PREFIX (default /usr/local): the release binary in PREFIX/bin, the
# manual page in PREFIX/share/man/man1 (so `man dunetrace` finds it), and the bash and zsh
# completion scripts in PREFIX/share/bash-completion/completions and PREFIX/share/zsh/site-functions.
#   scripts/install.sh [PREFIX]
# DUNETRACE_BIN=path installs that binary instead of building one (`swift build -c release`).
set -euo pipefail
prefix="${1:-/usr/local}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${DUNETRACE_BIN:-}"
if [ -z "$bin" ]; then
    command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"
    (cd "$root" && swift build -c release --product dunetrace)
    bin="$(cd "$root" && swift build -c release --show-bin-path)/dunetrace"
fi
install -d "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions"
install -m 0755 "$bin" "$prefix/bin/dunetrace"
install -m 0644 "$root/man/dunetrace.1" "$prefix/share/man/man1/dunetrace.1"
"$prefix/bin/dunetrace" --generate-completion-script=bash > "$prefix/share/bash-completion/completions/dunetrace"
"$prefix/bin/dunetrace" --generate-completion-script=zsh > "$prefix/share/zsh/site-functions/_dunetrace"
echo "installed $prefix/bin/dunetrace, $prefix/share/man/man1/dunetrace.1 and the bash and zsh completions"
