#!/bin/sh
# A configure-style script (what autoconf's output does most): probe programs on PATH, run
# small shell tests in subshells, compile and link a few test programs, write a config.h.
# $1: a scratch directory (emptied).
set -e
work=${1:?usage: configure.sh DIR}
rm -rf "$work"; mkdir -p "$work"; cd "$work"
: > config.log
for prog in cc sed grep awk tr sort uniq make install mkdir rm ln; do
    printf 'checking for %s... ' "$prog" >>config.log
    if path=$(command -v "$prog"); then echo "$path" >>config.log; else echo no >>config.log; fi
done
echo "/* config.h */" > config.h
for hdr in stdio.h stdlib.h string.h unistd.h; do
    name=$(echo "$hdr" | tr 'a-z./' 'A-Z__')
    printf '#include <%s>\nint main(void) { return 0; }\n' "$hdr" > conftest.c
    if cc -c conftest.c -o conftest.o 2>>config.log; then
        echo "#define HAVE_$name 1" >> config.h
    fi
done
for fn in memcpy strdup getline; do
    printf 'char %s(void);\nint main(void) { return %s() != 0; }\n' "$fn" "$fn" > conftest.c
    if cc conftest.c -o conftest 2>>config.log; then
        echo "#define HAVE_$(echo "$fn" | tr 'a-z' 'A-Z') 1" >> config.h
    fi
done
i=0
while [ $i -lt 40 ]; do
    v=$(expr $i \* 3 + 1)
    case $(uname -s) in Linux) os=linux ;; *) os=other ;; esac
    echo "ac_cv_$i=$v $os" | sed 's/ /_/g' >> config.log
    i=$((i + 1))
done
grep -c HAVE_ config.h > /dev/null
sed -e 's/^#define/# define/' config.h | sort | uniq > config.status
rm -f conftest conftest.c conftest.o
