// (being written) runtime of the compare_select family.
#include "vector_plan.h"
