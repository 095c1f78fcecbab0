// Facts about the host that the loader copies into the target's auxiliary vector.
#include "ckvm_internal.h"
#include <sys/auxv.h>

uint64_t dt_host_auxval(uint64_t type) { return getauxval(type); }
