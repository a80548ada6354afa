// (being written) runtime of the cast family.
#include "vector_plan.h"
