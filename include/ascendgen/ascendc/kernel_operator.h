// The header every Ascend C kernel includes. ascendgen's version declares the Ascend C kernel API
// over the CPU model of the 910B AI core (libascendgen_sim); see docs/emulator.md.
#pragma once
#include "kernel/types.h"
#include "kernel/tensor.h"
#include "kernel/pipe.h"
#include "kernel/data_copy.h"
#include "kernel/vector_common.h"
#include "kernel/vector_basic.h"
#include "kernel/cast.h"
#include "kernel/reduce.h"
#include "kernel/compare_select.h"
#include "kernel/brcb_gather.h"
#include "kernel/math_library.h"
#include "kernel/cube.h"
#include "operator/kernel_tiling_macros.h"
