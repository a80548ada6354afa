// CANN's header for AscendC::ListTensorDesc and TensorDesc, which kernel_operator.h also declares.
#pragma once
#include "kernel_operator.h"
