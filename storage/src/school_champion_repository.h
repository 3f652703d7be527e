#pragma once
// SQL implementation of core's SchoolChampionRepository (migration 0034).

#include "ycr/core/school_champion.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlSchoolChampions final : public SchoolChampionRepository {
 public:
  explicit SqlSchoolChampions(Sql& sql) : sql_(sql) {}
  Result<Id> add(const SchoolChampion& champion) override;
  std::optional<SchoolChampion> findById(Id id) override;
  std::vector<SchoolChampion> forSchool(Id organisationId) override;
  std::vector<SchoolChampion> inPostOn(const Date& day) override;
  Result<bool> end(Id id, const Date& until, const std::string& reason, std::optional<Id> by,
                   Timestamp at) override;
  Result<int> endForAccount(Id userId, const Date& until, const std::string& reason, std::optional<Id> by,
                            Timestamp at) override;

 private:
  std::vector<SchoolChampion> select(const std::string& whereAndOrder, const std::vector<Param>& params);
  Sql& sql_;
};

}  // namespace ycr::storage
