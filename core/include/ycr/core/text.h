#pragma once
// Folding text for search and exact identity, word by word as the matcher folds names
// (matching::compactName): lower case, Latin accents removed,
// punctuation dropped, white space folded. "Zoë O'Brien-Smith" -> "zoe obriensmith".

#include <string>
#include <string_view>

namespace ycr::text {

std::string fold(std::string_view text);

}  // namespace ycr::text
