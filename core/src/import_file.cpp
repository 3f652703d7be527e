#include "ycr/core/import_file.h"

#include <algorithm>
#include <utility>

#include "ycr/core/matching/normalise.h"
#include "ycr/core/validation.h"
#include "ycr/core/young_person.h"

namespace ycr {

// ---------------- CSV ----------------

Result<CsvTable> parseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheets save a byte order mark
  CsvTable table;
  bool headerSeen = false;
  std::size_t line = 1, i = 0;
  const std::size_t n = text.size();
  // Consumes one line break (CRLF, LF or CR) at i, if there is one.
  auto lineBreak = [&](std::size_t& at) {
    if (at < n && text[at] == '\r') {
      ++at;
      if (at < n && text[at] == '\n') ++at;
      return true;
    }
    if (at < n && text[at] == '\n') {
      ++at;
      return true;
    }
    return false;
  };
  while (i < n) {
    const std::size_t startLine = line;
    if (lineBreak(i)) {  // an empty line is no row
      ++line;
      continue;
    }
    if (!headerSeen && text[i] == '#') {
      while (i < n && text[i] != '\r' && text[i] != '\n') ++i;
      if (lineBreak(i)) ++line;
      continue;
    }
    std::vector<std::string> fields;
    std::string field;
    bool ended = false;
    while (!ended) {
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\r' || c == '\n') {
            // A line break inside quotes belongs to the field; kept as written but counted.
            std::size_t before = i;
            lineBreak(i);
            field.append(text.substr(before, i - before));
            ++line;
            continue;
          }
          field.push_back(c);
          ++i;
        }
        if (!closed)
          return DomainError::malformed("line " + std::to_string(startLine) +
                                        ": a quoted field is not closed before the end of the file");
      }
      // Unquoted text (or text after a closing quote, kept as a lenient reader would).
      while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') field.push_back(text[i++]);
      fields.push_back(std::move(field));
      field.clear();
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (lineBreak(i)) ++line;
      ended = true;
    }
    if (!headerSeen) {
      table.header = std::move(fields);
      table.headerLine = startLine;
      headerSeen = true;
    } else {
      table.records.push_back({startLine, std::move(fields)});
    }
  }
  if (!headerSeen) return DomainError::malformed("the file has no header row");
  return table;
}

// ---------------- fields and headers ----------------

namespace {

const char* nameOf(ImportField f) {
  switch (f) {
    case ImportField::source_ref: return "source_ref";
    case ImportField::given_name: return "given_name";
    case ImportField::family_name: return "family_name";
    case ImportField::preferred_name: return "preferred_name";
    case ImportField::date_of_birth: return "date_of_birth";
    case ImportField::postcode: return "postcode";
    case ImportField::address: return "address";
    case ImportField::school_urn: return "school_urn";
    case ImportField::gp_practice_ods: return "gp_practice_ods";
    case ImportField::nhs_number: return "nhs_number";
    case ImportField::gender: return "gender";
    case ImportField::ethnicity: return "ethnicity";
  }
  return "";
}

struct KnownHeader {
  const char* key;
  ImportField field;
};
// Headers seen in school, GP and council spreadsheets, as headerKey folds them.
constexpr KnownHeader kKnownHeaders[] = {
    {"sourceref", ImportField::source_ref},
    {"ref", ImportField::source_ref},
    {"reference", ImportField::source_ref},
    {"referenceno", ImportField::source_ref},
    {"referencenumber", ImportField::source_ref},
    {"refno", ImportField::source_ref},
    {"id", ImportField::source_ref},
    {"recordid", ImportField::source_ref},
    {"localid", ImportField::source_ref},
    {"rowid", ImportField::source_ref},
    {"givenname", ImportField::given_name},
    {"givennames", ImportField::given_name},
    {"firstname", ImportField::given_name},
    {"firstnames", ImportField::given_name},
    {"forename", ImportField::given_name},
    {"forenames", ImportField::given_name},
    {"first", ImportField::given_name},
    {"childsfirstname", ImportField::given_name},
    {"childfirstname", ImportField::given_name},
    {"legalforename", ImportField::given_name},
    {"familyname", ImportField::family_name},
    {"surname", ImportField::family_name},
    {"lastname", ImportField::family_name},
    {"last", ImportField::family_name},
    {"childssurname", ImportField::family_name},
    {"childsurname", ImportField::family_name},
    {"legalsurname", ImportField::family_name},
    {"preferredname", ImportField::preferred_name},
    {"knownas", ImportField::preferred_name},
    {"preferredforename", ImportField::preferred_name},
    {"dateofbirth", ImportField::date_of_birth},
    {"dob", ImportField::date_of_birth},
    {"birthdate", ImportField::date_of_birth},
    {"dateofbirthddmmyyyy", ImportField::date_of_birth},
    {"dobddmmyyyy", ImportField::date_of_birth},
    {"postcode", ImportField::postcode},
    {"postalcode", ImportField::postcode},
    {"homepostcode", ImportField::postcode},
    {"address", ImportField::address},
    {"homeaddress", ImportField::address},
    {"addressline1", ImportField::address},
    {"address1", ImportField::address},
    {"streetaddress", ImportField::address},
    {"schoolurn", ImportField::school_urn},
    {"urn", ImportField::school_urn},
    {"dfeurn", ImportField::school_urn},
    {"gppracticeods", ImportField::gp_practice_ods},
    {"gppracticecode", ImportField::gp_practice_ods},
    {"odscode", ImportField::gp_practice_ods},
    {"gpods", ImportField::gp_practice_ods},
    {"nhsnumber", ImportField::nhs_number},
    {"nhsno", ImportField::nhs_number},
    {"gender", ImportField::gender},
    {"sex", ImportField::gender},
    {"ethnicity", ImportField::ethnicity},
    {"ethnicgroup", ImportField::ethnicity},
};

std::string trimmed(std::string_view s) {
  return validation::trim(std::string(s));
}

}  // namespace

const char* toString(ImportField field) {
  return nameOf(field);
}

std::optional<ImportField> parseImportField(std::string_view name) {
  for (std::size_t i = 0; i < kImportFieldCount; ++i)
    if (name == nameOf(static_cast<ImportField>(i))) return static_cast<ImportField>(i);
  return std::nullopt;
}

std::string headerKey(std::string_view header) {
  std::string key;
  for (char c : header) {
    if (c >= 'A' && c <= 'Z')
      key.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      key.push_back(c);
  }
  return key;
}

std::optional<ImportField> recogniseHeader(std::string_view header) {
  const std::string key = headerKey(header);
  for (const auto& h : kKnownHeaders)
    if (key == h.key) return h.field;
  return std::nullopt;
}

std::optional<std::size_t> findColumn(const std::vector<std::string>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  const std::string key = headerKey(name);
  if (key.empty()) return std::nullopt;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (headerKey(header[i]) == key) return i;
  return std::nullopt;
}

std::string ColumnMapping::describe(const std::vector<std::string>& header) const {
  std::string out;
  for (std::size_t i = 0; i < kImportFieldCount; ++i) {
    if (!columns[i]) continue;
    if (!out.empty()) out += ", ";
    out += std::string(nameOf(static_cast<ImportField>(i))) + " <- \"" + header[*columns[i]] + "\"";
  }
  return out;
}

std::vector<ImportField> registerRequiredFields() {
  return {ImportField::given_name, ImportField::family_name, ImportField::date_of_birth};
}

Result<ColumnMapping> mapColumns(const std::vector<std::string>& header, const std::vector<std::string>& maps,
                                 const std::vector<ImportField>& required) {
  ColumnMapping mapping;
  FieldErrors errors;
  std::vector<bool> used(header.size(), false);
  for (const auto& m : maps) {
    auto eq = m.find('=');
    if (eq == std::string::npos) {
      errors.add("map", "malformed", "--map takes field=column, got '" + m + "'");
      continue;
    }
    auto field = parseImportField(trimmed(m.substr(0, eq)));
    if (!field) {
      errors.add("map", "unknown_field", "'" + m.substr(0, eq) + "' is not a field an import reads");
      continue;
    }
    auto column = findColumn(header, m.substr(eq + 1));
    if (!column) {
      errors.add("map", "no_such_column", "There is no column '" + m.substr(eq + 1) + "' in the header");
      continue;
    }
    mapping.columns[static_cast<std::size_t>(*field)] = column;
    used[*column] = true;
  }
  // Recognised headers fill the fields no --map named; two candidates for one field are refused
  // rather than guessed between.
  std::array<std::vector<std::size_t>, kImportFieldCount> recognised;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (used[i]) continue;
    if (auto f = recogniseHeader(header[i])) recognised[static_cast<std::size_t>(*f)].push_back(i);
  }
  for (std::size_t f = 0; f < kImportFieldCount; ++f) {
    if (mapping.columns[f] || recognised[f].empty()) continue;
    if (recognised[f].size() > 1) {
      errors.add(nameOf(static_cast<ImportField>(f)), "ambiguous",
                 "Columns '" + header[recognised[f][0]] + "' and '" + header[recognised[f][1]] +
                     "' both look like " + nameOf(static_cast<ImportField>(f)) + "; choose one with --map " +
                     nameOf(static_cast<ImportField>(f)) + "=COLUMN");
      continue;
    }
    mapping.columns[f] = recognised[f][0];
    used[recognised[f][0]] = true;
  }
  for (auto f : required)
    if (!mapping.column(f))
      errors.add(
          nameOf(f), "required",
          std::string("No column gives ") + nameOf(f) + "; name it with --map " + nameOf(f) + "=COLUMN");
  if (!errors.empty()) return errors.toError("The columns of the file cannot be mapped");
  mapping.width = header.size();
  for (std::size_t i = 0; i < header.size(); ++i)
    if (!used[i]) mapping.ignored.push_back(header[i]);
  return mapping;
}

// ---------------- rows ----------------

namespace {

std::optional<std::string> fieldOf(const CsvRecord& r, const ColumnMapping& m, ImportField f) {
  auto c = m.column(f);
  if (!c) return std::nullopt;
  if (*c >= r.fields.size()) return std::string();
  return r.fields[*c];
}

// Spreadsheets write sex and gender many ways; the register keeps its own spellings.
std::string genderSpelling(const std::string& value) {
  const std::string k = headerKey(value);
  if (k == "f" || k == "female" || k == "girl") return "girl";
  if (k == "m" || k == "male" || k == "boy") return "boy";
  if (k == "nonbinary" || k == "nb") return "non_binary";
  if (k == "other") return "other";
  if (k == "notstated" || k == "notknown" || k == "unknown" || k == "prefernottosay" || k == "u")
    return "not_stated";
  return value;
}

std::string ethnicitySpelling(const std::string& value) {
  const std::string k = headerKey(value);
  for (const char* group : {"asian", "black", "mixed", "white", "other"})
    if (k == group) return group;
  if (k == "notstated" || k == "unknown" || k == "prefernottosay" || k == "refused") return "not_stated";
  return value;
}

std::string messagesOf(const DomainError& e) {
  std::string out;
  for (const auto& f : e.fields) out += (out.empty() ? "" : "; ") + f.field + ": " + f.message;
  return out.empty() ? e.detail : out;
}

}  // namespace

PreparedImportRow prepareImportRow(const CsvRecord& record, const ColumnMapping& mapping, const Date& today) {
  PreparedImportRow row;
  row.line = record.line;
  auto ref = fieldOf(record, mapping, ImportField::source_ref);
  if (ref && !trimmed(*ref).empty()) {
    row.sourceRef = trimmed(*ref);
  } else {
    row.sourceRef = "line " + std::to_string(record.line);
    if (ref) row.flagged.push_back("source_ref: empty, the line number is used");
  }
  if (std::all_of(record.fields.begin(), record.fields.end(),
                  [](const std::string& f) { return trimmed(f).empty(); })) {
    row.rejection = "the row is empty";
    return row;
  }
  if (record.fields.size() > mapping.width &&
      std::any_of(record.fields.begin() + static_cast<std::ptrdiff_t>(mapping.width), record.fields.end(),
                  [](const std::string& f) { return !trimmed(f).empty(); })) {
    row.rejection = "the row has " + std::to_string(record.fields.size()) + " fields where the header has " +
                    std::to_string(mapping.width) + " (a comma outside quotes?)";
    return row;
  }

  YoungPersonInput in;
  in.givenName = fieldOf(record, mapping, ImportField::given_name).value_or("");
  in.familyName = fieldOf(record, mapping, ImportField::family_name).value_or("");
  in.preferredName = fieldOf(record, mapping, ImportField::preferred_name);
  // Dates come in the spreadsheet's form; the register's rules then see ISO.
  const std::string dobText = trimmed(fieldOf(record, mapping, ImportField::date_of_birth).value_or(""));
  if (dobText.empty()) {
    in.dateOfBirth = "";
  } else if (auto d = matching::parseFlexibleDate(dobText)) {
    in.dateOfBirth = formatIsoDate(*d);
  } else {
    row.rejection = "date_of_birth: '" + dobText + "' is not a date (use 2012-04-03, 3/4/2012 or 20120403)";
    return row;
  }
  in.postcode = fieldOf(record, mapping, ImportField::postcode);
  in.address = fieldOf(record, mapping, ImportField::address);
  in.schoolUrn = fieldOf(record, mapping, ImportField::school_urn);
  in.gpPracticeOds = fieldOf(record, mapping, ImportField::gp_practice_ods);
  in.nhsNumber = fieldOf(record, mapping, ImportField::nhs_number);
  if (auto g = fieldOf(record, mapping, ImportField::gender)) in.gender = genderSpelling(trimmed(*g));
  if (auto e = fieldOf(record, mapping, ImportField::ethnicity))
    in.ethnicity = ethnicitySpelling(trimmed(*e));
  // Blank optional fields are simply absent; a blank postcode is absent but flagged, because a
  // form would have asked for it.
  for (auto* opt : {&in.preferredName, &in.address, &in.schoolUrn, &in.gpPracticeOds, &in.nhsNumber,
                    &in.gender, &in.ethnicity})
    if (*opt && trimmed(**opt).empty()) opt->reset();
  if (!in.postcode || trimmed(*in.postcode).empty()) {
    in.postcode.reset();
    row.flagged.push_back("postcode: missing");
  }

  // applyChanges validates exactly the fields present with the register's rules (buildYoungCarer
  // would also demand a postcode); names and date of birth are always present, so always checked.
  auto built = applyChanges(YoungCarer{}, in, today);
  if (!built) {
    std::string required;
    for (const auto& f : built.error().fields) {
      const std::string& name = f.field;
      if (name == "given_name" || name == "family_name" || name == "date_of_birth") {
        required += (required.empty() ? "" : "; ") + name + ": " + f.message;
        continue;
      }
      std::optional<std::string>* slot = name == "postcode"          ? &in.postcode
                                         : name == "address"         ? &in.address
                                         : name == "school_urn"      ? &in.schoolUrn
                                         : name == "gp_practice_ods" ? &in.gpPracticeOds
                                         : name == "nhs_number"      ? &in.nhsNumber
                                         : name == "gender"          ? &in.gender
                                         : name == "ethnicity"       ? &in.ethnicity
                                         : name == "preferred_name"  ? &in.preferredName
                                                                     : nullptr;
      if (!slot) {
        required += (required.empty() ? "" : "; ") + name + ": " + f.message;
        continue;
      }
      row.flagged.push_back(name + ": '" + slot->value_or("") + "' " + f.message);
      slot->reset();
    }
    if (!required.empty()) {
      row.rejection = required;
      return row;
    }
    built = applyChanges(YoungCarer{}, in, today);
    if (!built) {
      row.rejection = messagesOf(built.error());
      return row;
    }
  }
  row.youngCarer = std::move(built.value());
  return row;
}

matching::PersonRecord personRecordOf(const CsvRecord& record, const ColumnMapping& mapping) {
  matching::PersonRecord p;
  p.givenName = trimmed(fieldOf(record, mapping, ImportField::given_name).value_or(""));
  p.familyName = trimmed(fieldOf(record, mapping, ImportField::family_name).value_or(""));
  p.dateOfBirth =
      matching::parseFlexibleDate(trimmed(fieldOf(record, mapping, ImportField::date_of_birth).value_or("")));
  p.postcode = trimmed(fieldOf(record, mapping, ImportField::postcode).value_or(""));
  p.schoolUrn = trimmed(fieldOf(record, mapping, ImportField::school_urn).value_or(""));
  p.address = trimmed(fieldOf(record, mapping, ImportField::address).value_or(""));
  return p;
}

}  // namespace ycr
