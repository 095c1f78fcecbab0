/* Page-fault benchmark: mmap N fresh anonymous pages (default 100000) and write one byte
 * to each, so every page takes exactly one first-touch write fault (huge pages are turned
 * off for the mapping so the kernel cannot serve 512 pages with one fault). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long ps = sysconf(_SC_PAGESIZE);
    size_t len = (size_t)n * (size_t)ps;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    madvise(p, len, MADV_NOHUGEPAGE);
    volatile char *v = p;
    for (long i = 0; i < n; i++) v[i * ps] = (char)(i | 1);
    long sum = 0;
    for (long i = 0; i < n; i++) sum += v[i * ps] != 0;
    if (sum != n) { fprintf(stderr, "touch_pages: %ld of %ld pages lost their byte\n", n - sum, n); return 2; }
    return 0;
}
