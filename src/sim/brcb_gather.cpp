// (being written) runtime of the brcb_gather family.
#include "vector_plan.h"
