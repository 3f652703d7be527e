#pragma once
// One page of a longer list, with the length of the whole list.

#include <cstdint>
#include <vector>

namespace ycr {

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};

}  // namespace ycr
