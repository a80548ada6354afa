// CANN also installs acl/acl.h on the include path as acl.h.
#pragma once
#include "acl/acl.h"
