// (being written) runtime of the reduce family.
#include "vector_plan.h"
