// (being written) math_library family of the Ascend C vector API.
#pragma once
#include "vector_common.h"
