// CANN's lib/math/kernel_operator_power_intf.h: the math library is declared by kernel_operator.h.
#pragma once
#include "kernel_operator.h"
