// The questionnaire data files (services/questionnaire_loader.cpp loadQuestionnaire, read from an
// in-memory file): unreadable JSON is malformed, a wrong shape or unusable data a validation error,
// never an exception; a questionnaire read and written back is unchanged, and scores every full
// set of answers inside its own range.
#include <Poco/JSON/Array.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sstream>

#include "fuzz_support.h"
#include "ycr/services/questionnaire_loader.h"

using namespace ycr;
using namespace ycr::services;

namespace {

int memoryFd() {
  static const int fd = memfd_create("ycr-fuzz-questionnaire", 0);
  if (fd < 0) fuzz::fail(__FILE__, __LINE__, "memfd_create", "no in-memory file");
  return fd;
}

std::string jsonText(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  o->stringify(out);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);
  const int fd = memoryFd();
  if (ftruncate(fd, 0) != 0 || pwrite(fd, in.data(), in.size(), 0) != static_cast<ssize_t>(in.size()))
    fuzz::fail(__FILE__, __LINE__, "write", "the in-memory file");
  const std::string path = "/proc/self/fd/" + std::to_string(fd);

  Result<Questionnaire> q = DomainError::internal("not run");
  try {
    q = loadQuestionnaire(path);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "loadQuestionnaire threw", input + " : " + e.what());
  }
  if (!q) {
    FUZZ_CHECK(q.error().code == ErrorCode::malformed || q.error().code == ErrorCode::validation,
               input + " : " + q.error().detail);
    FUZZ_CHECK(q.error().detail.rfind(path, 0) == 0, input + " : " + q.error().detail);
    return 0;
  }
  // Written back, it reads as the same questionnaire.
  const auto written = toJson(*q);
  const std::string text = jsonText(written);
  Result<Questionnaire> again = DomainError::internal("not run");
  try {
    again = questionnaireFromJson(written);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "questionnaireFromJson threw on its own output", text + " : " + e.what());
  }
  FUZZ_CHECK(again, input + " -> " + text);
  FUZZ_CHECK(jsonText(toJson(*again)) == text, input + " -> " + text);

  // Every item answered with the lowest, then the highest scale value: a score in range.
  for (int value : {q->minScaleValue(), q->maxScaleValue()}) {
    std::vector<int> answers(q->items.size(), value);
    auto s = score(*q, answers);
    FUZZ_CHECK(s, input);
    FUZZ_CHECK(s->total >= q->lowestScore() && s->total <= q->highestScore(), input);
    for (const auto& sub : s->subscales)
      FUZZ_CHECK(sub.score >= q->lowestScore(sub.id) && sub.score <= q->highestScore(sub.id), input);
    (void)toJson(*s);
  }
  return 0;
}
