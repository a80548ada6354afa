// (being written) brcb_gather family of the Ascend C vector API.
#pragma once
#include "vector_common.h"
