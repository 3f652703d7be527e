#pragma once
// Whether a refusal names a field with a code, as a form shows it beside the field.

#include <string>

#include "ycr/core/result.h"

namespace ycr::test_support {

inline bool hasField(const DomainError& e, const std::string& field, const std::string& code) {
  for (const auto& f : e.fields)
    if (f.field == field && f.code == code) return true;
  return false;
}

}  // namespace ycr::test_support
