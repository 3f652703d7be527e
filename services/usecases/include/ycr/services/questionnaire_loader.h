#pragma once
// Reads questionnaires (core/data/questionnaires/*.json) into core's model and writes the model and
// scores as JSON for the API. File format, all keys snake_case:
//   {"id": "maca-yc18", "version": 1, "title": "...", "citation": "...", "instructions": "...",
//    "text_status": "...", "subscale_note": "...",
//    "scale": [{"value": 0, "label": "Never"}, ...],
//    "items": [{"number": 1, "text": "..."}, ...],
//    "subscales": [{"id": "domestic", "label": "Domestic", "items": [1, 2, 3]}, ...],
//    "bands": [{"id": "low", "label": "...", "min": 1, "max": 9, "subscale": "..."?}, ...],
//    "flags": [{"id": "...", "label": "...", "min": 0, "max": 12, "subscale": "..."?}, ...]}
// id, version, title, scale and items are required; the rest may be left out.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "ycr/core/questionnaire.h"
#include "ycr/core/result.h"

namespace ycr::services {

// One file. Unreadable JSON is `malformed`; a wrong shape or data that fails ycr::validate() is
// `validation` (field errors as in the file). Either way the detail names the file and the problem.
Result<Questionnaire> loadQuestionnaire(const std::string& path);

// Every *.json file in a directory, each id and version once; the set offers the latest version of
// each id. Any bad file refuses the whole set (the detail names every bad file), as does an empty
// or missing directory: running with half the questionnaires would score assessments wrongly.
Result<QuestionnaireSet> loadQuestionnaires(const std::string& dir);

// The same JSON shape as the files, so a questionnaire read and written back is unchanged.
Result<Questionnaire> questionnaireFromJson(const Poco::JSON::Object::Ptr& json);
Poco::JSON::Object::Ptr toJson(const Questionnaire& questionnaire);
// Its scale ([{"value", "label"}]) and items ([{"number", "text"}]) as toJson writes them, for the
// surveys that share the questionnaire's shape.
Poco::JSON::Array::Ptr scaleJson(const std::vector<ScalePoint>& scale);
Poco::JSON::Array::Ptr itemsJson(const std::vector<Item>& items);

// A score for the API:
//   {"questionnaire_id", "version", "answers": [..], "total", "band": {"id", "label"} | null,
//    "subscales": [{"id", "label", "score", "band": {..} | null}], "flags": [{"id", "label", "subscale"}]}
Poco::JSON::Object::Ptr toJson(const Score& score);

}  // namespace ycr::services
