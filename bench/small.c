/* A small C file for the `cc -c` workload: a few system headers, a few functions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry { char name[64]; long size; };

static int by_size(const void *a, const void *b) {
    const struct entry *x = a, *y = b;
    return (x->size > y->size) - (x->size < y->size);
}

long total_size(const char **paths, int n) {
    struct entry *e = calloc((size_t)n, sizeof *e);
    long total = 0;
    if (!e) return -ENOMEM;
    for (int i = 0; i < n; i++) {
        struct stat st;
        snprintf(e[i].name, sizeof e[i].name, "%s", paths[i]);
        e[i].size = stat(paths[i], &st) == 0 ? (long)st.st_size : -1;
    }
    qsort(e, (size_t)n, sizeof *e, by_size);
    for (int i = 0; i < n; i++)
        if (e[i].size > 0) total += e[i].size;
    free(e);
    return total;
}

int main(int argc, char **argv) {
    printf("%ld\n", total_size((const char **)argv + 1, argc - 1));
    return strlen(argv[0]) == 0;
}
