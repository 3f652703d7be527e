#include "ycr/core/text.h"

#include "ycr/core/matching/normalise.h"

namespace ycr::text {

// One folding of names for the whole register: each white-space-separated word is folded as the
// matcher folds names (matching::compactName: case, accents, punctuation), so search, exact
// identity and probabilistic matching never disagree about what a name says.
std::string fold(std::string_view s) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string folded = matching::compactName(word);
    word.clear();
    if (folded.empty()) return;
    if (!out.empty()) out += ' ';
    out += folded;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {  // no-break space
      flush();
      ++i;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

std::string csvCell(std::string_view value) {
  std::string cell;
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    cell = "'";
  cell += value;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ycr::text
