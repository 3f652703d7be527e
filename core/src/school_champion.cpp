#include "ycr/core/school_champion.h"

#include "ycr/core/validation.h"

namespace ycr {

Status validateNew(SchoolChampion& champion, const Date& today) {
  FieldErrors errors;
  if (auto name = validation::name("name", champion.name))
    champion.name = *name;
  else
    errors.merge(name.error());
  if (auto post = validation::text("post", validation::trim(champion.post), kMaxChampionPost))
    champion.post = *post;
  else
    errors.merge(post.error());
  if (!champion.since.ok())
    errors.add("since", "invalid_date", "The first day in post is not a real date");
  else if (today < champion.since)
    errors.add("since", "in_future", "The first day in post cannot be after today");
  if (!errors.empty()) return errors.toError("The champion's details have errors");
  return {};
}

Status validateEnd(const SchoolChampion& champion, const Date& until, const std::string& reason,
                   const Date& today) {
  if (champion.until)
    return DomainError::conflict(champion.name + " stepped down on " + formatIsoDate(*champion.until));
  FieldErrors errors;
  if (!until.ok())
    errors.add("until", "invalid_date", "The last day in post is not a real date");
  else if (until < champion.since)
    errors.add("until", "before_since",
               "The last day in post cannot be before the first (" + formatIsoDate(champion.since) + ")");
  else if (today < until)
    errors.add("until", "in_future", "The last day in post cannot be after today");
  if (auto why = validation::text("reason", reason, kMaxChampionReason); !why) errors.merge(why.error());
  if (!errors.empty()) return errors.toError("Stepping down has errors");
  return {};
}

}  // namespace ycr
