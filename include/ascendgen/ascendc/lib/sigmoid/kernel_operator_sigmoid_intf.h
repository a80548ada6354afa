// CANN's lib/sigmoid/kernel_operator_sigmoid_intf.h: Sigmoid is declared by kernel_operator.h.
#pragma once
#include "kernel_operator.h"
