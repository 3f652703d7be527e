// The API's JSON request reader (services/http.cpp): parseJsonObject on any body, and JsonInput's
// typed reads of every field. A body is either refused as malformed or an object that writes back
// to JSON which reads as the same object; no exception ever leaves the reader.
#include <Poco/JSON/Array.h>

#include "fuzz_support.h"
#include "ycr/services/http.h"

using namespace ycr;
using namespace ycr::services;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(fuzz::text(data, size));
  Result<Poco::JSON::Object::Ptr> parsed = DomainError::internal("not run");
  try {
    parsed = parseJsonObject(body);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "parseJsonObject threw", e.what());
  }
  if (!parsed) {
    FUZZ_CHECK(parsed.error().code == ErrorCode::malformed, body);
    return 0;
  }
  FUZZ_CHECK(!parsed.value().isNull(), body);
  std::string written;
  try {
    written = toJsonString(parsed.value());
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "toJsonString threw", body + " : " + e.what());
  }
  auto again = parseJsonObject(written);
  FUZZ_CHECK(again, body + " -> " + written);
  FUZZ_CHECK(toJsonString(again.value()) == written, body + " -> " + written);

  // Every typed read of every field, as handlers make them: errors are field errors, never throws.
  try {
    FieldErrors errors;
    JsonInput in(parsed.value(), "body", errors);
    for (const auto& name : parsed.value()->getNames()) {
      (void)in.has(name);
      (void)in.string(name);
      (void)in.boolean(name);
      (void)in.integer(name);
      if (auto o = in.object(name)) {
        JsonInput inner(o, in.path(name), errors);
        for (const auto& key : o->getNames()) (void)inner.string(key), (void)inner.integer(key);
        inner.rejectUnknown();
      }
      (void)in.array(name);
      (void)in.stringArray(name);
    }
    in.rejectUnknown();
    for (const auto& e : errors.all()) FUZZ_CHECK(e.field.rfind("body.", 0) == 0 && !e.code.empty(), body);
    (void)Response::problem(errors.toError());
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "a JsonInput read threw", body + " : " + e.what());
  }
  return 0;
}
