// (being written) runtime of the math_library family.
#include "vector_plan.h"
