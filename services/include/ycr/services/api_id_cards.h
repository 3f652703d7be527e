#pragma once
// Routes for young carer ID cards: issuing and managing cards (staff), the printable card, the
// public verification page behind the QR code and the public key for offline checks.

#include "ycr/services/http.h"

namespace ycr::services {

class App;

void addIdCardRoutes(Router& router, App& app);

}  // namespace ycr::services
