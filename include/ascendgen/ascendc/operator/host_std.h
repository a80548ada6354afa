// The standard headers CANN's host headers (register/*.h, graph/*.h, exe_graph/*.h, tiling/*.h)
// pull in transitively. op_host code written against CANN relies on them (std::cout with only
// register/op_def_registry.h included), so every host header here includes this one. Kernel
// headers never do: kernel_operator.h keeps its parse time.
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
