// SwiftPM needs one source file per C target; the shims are static inline in the header.
#include "CSentinelShims.h"
