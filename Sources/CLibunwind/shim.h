// libunwind's remote interface (the generic _Ux86_64_* library): -k unwinds the target's stack
// through accessors of dunetrace's own. Swift sees the functions under the names the macros
// of libunwind.h expand to (unw_init_remote is _Ux86_64_init_remote).
#include <libunwind.h>

// Exported by libunwind but declared only in its private headers: the FDE lookup in a binary
// search table (an .eh_frame_hdr), as libunwind-ptrace's _UPT_find_proc_info uses it.
extern int _Ux86_64_dwarf_search_unwind_table(unw_addr_space_t as, unw_word_t ip, unw_dyn_info_t *di,
                                              unw_proc_info_t *pi, int need_unwind_info, void *arg);
