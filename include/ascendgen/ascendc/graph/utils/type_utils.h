// ge::TypeUtils: names and sizes of ge::DataType and ge::Format values, for host operator code.
#pragma once
#include <cstdint>
#include <string>

#include "graph/types.h"

namespace ge {

class TypeUtils {
 public:
  // "DT_FLOAT16"; "DT_UNDEFINED" for a value without a name.
  static std::string DataTypeToSerialString(DataType type) {
    switch (type) {
      case DT_FLOAT: return "DT_FLOAT";
      case DT_FLOAT16: return "DT_FLOAT16";
      case DT_INT8: return "DT_INT8";
      case DT_INT32: return "DT_INT32";
      case DT_UINT8: return "DT_UINT8";
      case DT_INT16: return "DT_INT16";
      case DT_UINT16: return "DT_UINT16";
      case DT_UINT32: return "DT_UINT32";
      case DT_INT64: return "DT_INT64";
      case DT_UINT64: return "DT_UINT64";
      case DT_DOUBLE: return "DT_DOUBLE";
      case DT_BOOL: return "DT_BOOL";
      case DT_STRING: return "DT_STRING";
      case DT_COMPLEX64: return "DT_COMPLEX64";
      case DT_COMPLEX128: return "DT_COMPLEX128";
      case DT_BF16: return "DT_BF16";
      case DT_INT4: return "DT_INT4";
      default: return "DT_UNDEFINED";
    }
  }
  // "ND", "NCHW", ...; "RESERVED" for a value without a name.
  static std::string FormatToSerialString(Format format) {
    switch (format) {
      case FORMAT_NCHW: return "NCHW";
      case FORMAT_NHWC: return "NHWC";
      case FORMAT_ND: return "ND";
      case FORMAT_NC1HWC0: return "NC1HWC0";
      case FORMAT_FRACTAL_Z: return "FRACTAL_Z";
      case FORMAT_HWCN: return "HWCN";
      case FORMAT_FRACTAL_NZ: return "FRACTAL_NZ";
      case FORMAT_NCDHW: return "NCDHW";
      case FORMAT_NDHWC: return "NDHWC";
      default: return "RESERVED";
    }
  }
  // Element size in bytes into `length`; false for a type without a fixed size.
  static bool GetDataTypeLength(DataType type, uint32_t& length) {
    const int size = GetSizeByDataType(type);
    if (size < 0) return false;
    length = static_cast<uint32_t>(size);
    return true;
  }
};

}  // namespace ge
