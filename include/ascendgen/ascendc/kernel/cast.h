// (being written) cast family of the Ascend C vector API.
#pragma once
#include "vector_common.h"
