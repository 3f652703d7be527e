#pragma once
// Folding text for search and exact identity, word by word as the matcher folds names
// (matching::compactName): lower case, Latin accents removed,
// punctuation dropped, white space folded. "Zoë O'Brien-Smith" -> "zoe obriensmith".

#include <string>
#include <string_view>

namespace ycr::text {

std::string fold(std::string_view text);

// One CSV cell (RFC 4180: quoted when it holds a comma, quote or line break) made inert for
// spreadsheets: a cell beginning with = + - @, a tab or a carriage return would be read as a
// formula, so it gets a leading single quote (the OWASP CSV injection rule). Every CSV writer
// puts text through this; numbers the program itself formats need not.
std::string csvCell(std::string_view value);

}  // namespace ycr::text
