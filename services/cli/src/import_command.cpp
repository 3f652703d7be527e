#include "ycr/services/import_command.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ycr/core/validation.h"
#include "ycr/services/importer.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services {
namespace {

using Stopwatch = std::chrono::steady_clock;

int usage(const std::string& message) {
  std::cerr << "ycr: " << message << "\n";
  return 2;
}

int failed(const DomainError& e) {
  std::cerr << "ycr: " << e.detail << "\n";
  for (const auto& f : e.fields)
    if (f.message != e.detail) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 1;
}

std::optional<std::string> readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// Reads and maps one file; prints why not and returns nullopt (exit code 2) when it cannot.
struct MappedFile {
  CsvTable table;
  ColumnMapping mapping;
};
std::optional<MappedFile> readMapped(const std::string& path, const std::vector<std::string>& maps) {
  auto text = readFile(path);
  if (!text) {
    usage("cannot read " + path);
    return std::nullopt;
  }
  auto table = parseCsv(*text);
  if (!table) {
    usage(path + ": " + table.error().detail);
    return std::nullopt;
  }
  auto mapping = mapColumns(table->header, maps, registerRequiredFields());
  if (!mapping) {
    std::cerr << "ycr: " << path << ": " << mapping.error().detail << "\n";
    for (const auto& f : mapping.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
    std::string header;
    for (const auto& h : table->header) header += (header.empty() ? "" : ", ") + ("\"" + h + "\"");
    std::cerr << "  the header is: " << header << "\n";
    return std::nullopt;
  }
  return MappedFile{std::move(table.value()), std::move(mapping.value())};
}

std::string withCommas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string hms(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  return buf;
}

// A progress bar with rate and ETA, redrawn at most ten times a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::string label) : label_(std::move(label)), started_(Stopwatch::now()) {}
  void update(std::size_t done, std::size_t total) {
    auto now = Stopwatch::now();
    if (done < total && now - drawn_ < std::chrono::milliseconds(100)) return;
    drawn_ = now;
    const double secs = std::chrono::duration<double>(now - started_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(kWidth - filled), '-');
    char line[200];
    std::snprintf(line, sizeof line, "\r%s [%s] %3d%% %s/%s rows %s rows/s ETA %s ", label_.c_str(),
                  bar.c_str(), static_cast<int>(fraction * 100), withCommas(done).c_str(),
                  withCommas(total).c_str(), withCommas(static_cast<std::size_t>(rate)).c_str(),
                  rate > 0 ? hms(static_cast<double>(total - done) / rate).c_str() : "-");
    std::cerr << line << std::flush;
    if (done >= total) std::cerr << "\n";
  }

 private:
  std::string label_;
  Stopwatch::time_point started_;
  Stopwatch::time_point drawn_{};
};

std::string osUser() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  return "unknown";
}

}  // namespace

int runImport(const Config& config, const ImportCommand& command, const Clock& clock) {
  if (command.file.empty()) return usage("import: name the CSV file to import");
  if (validation::trim(command.source).empty())
    return usage("import: name the source of the file with --source (e.g. --source school-census-2024)");
  auto file = readMapped(command.file, command.maps);
  if (!file) return 2;
  std::cerr << "Reading " << withCommas(file->table.records.size()) << " rows of " << command.file << ": "
            << file->mapping.describe(file->table.header) << "\n";
  if (!file->mapping.ignored.empty()) {
    std::string ignored;
    for (const auto& h : file->mapping.ignored) ignored += (ignored.empty() ? "" : ", ") + ("\"" + h + "\"");
    std::cerr << "Columns not imported: " << ignored << "\n";
  }
  if (!file->mapping.column(ImportField::source_ref))
    std::cerr
        << "No reference column: rows are known by their line numbers, so a re-run is idempotent only for "
           "an unchanged file\n";

  auto store = storage::SqliteStore::open({config.database, 2, 5000});
  if (!store) return failed(store.error());
  if (auto m = store.value()->migrate(); !m) return failed(m.error());
  auto variants = matching::NameVariants::loadFile(config.nameVariantsPath());
  if (!variants) {
    auto e = variants.error();
    e.detail = "Cannot load the name variants from " + config.nameVariantsPath() + ": " + e.detail;
    return failed(e);
  }
  const auto loading = Stopwatch::now();
  IdentityResolver resolver(
      variants.value(), IdentitySettings{config.matchLinkScore, config.matchReviewScore, config.matchMargin});
  if (auto s = resolver.load(*store.value()); !s) return failed(s.error());
  std::cerr << "Matching against " << withCommas(resolver.size()) << " young carers (index built in "
            << std::chrono::duration<double>(Stopwatch::now() - loading).count() << " s)\n";

  ImportOptions options;
  options.source = validation::trim(command.source);
  options.dryRun = command.dryRun;
  options.actor = "the command line (" + osUser() + ")";
  std::optional<ProgressBar> bar;
  if (::isatty(STDERR_FILENO)) {
    bar.emplace(command.dryRun ? "dry run" : "import");
    options.progress = [&](std::size_t done, std::size_t total) { bar->update(done, total); };
  }
  Importer importer(*store.value(), resolver, clock, std::move(variants.value()));
  auto summary = importer.run(file->table, file->mapping, options);
  if (!summary) return failed(summary.error());

  if (!command.reportPath.empty()) {
    std::ofstream out(command.reportPath, std::ios::binary | std::ios::trunc);
    out << formatImportReport(summary->rows);
    out.close();
    if (!out) return failed(DomainError::unavailable("Cannot write the report to " + command.reportPath));
  }
  const std::size_t rows = summary->rows.size();
  std::cout << (command.dryRun ? "Dry run (nothing written): " : "Imported ") << withCommas(rows)
            << " rows of " << command.file << " from " << options.source << " in " << summary->seconds
            << " s ("
            << withCommas(static_cast<std::size_t>(
                   summary->seconds > 0 ? static_cast<double>(rows) / summary->seconds : 0))
            << " rows/s)\n";
  for (std::size_t o = 0; o < kImportOutcomeCount; ++o)
    std::cout << "  " << toString(static_cast<ImportOutcome>(o)) << ": " << withCommas(summary->counts[o])
              << "\n";
  std::size_t flagged = 0;
  for (const auto& r : summary->rows) flagged += r.flagged.empty() ? 0 : 1;
  std::cout << "  rows with a field left empty: " << withCommas(flagged) << "\n";
  if (!command.reportPath.empty()) std::cout << "Report: " << command.reportPath << "\n";
  return 0;
}

int runLinkageEval(const Config& config, const LinkageEvalCommand& command) {
  if (command.files.empty()) return usage("linkage-eval: name the CSV file(s) to evaluate");
  if (command.truthColumn.empty())
    return usage("linkage-eval: name the column of true identities with --truth-column");
  std::vector<matching::PersonRecord> records;
  std::vector<std::string> truth;
  for (const auto& path : command.files) {
    auto file = readMapped(path, command.maps);
    if (!file) return 2;
    auto column = findColumn(file->table.header, command.truthColumn);
    if (!column) return usage(path + ": there is no column '" + command.truthColumn + "'");
    for (const auto& r : file->table.records) {
      records.push_back(personRecordOf(r, file->mapping));
      truth.push_back(*column < r.fields.size() ? validation::trim(r.fields[*column]) : std::string());
    }
  }
  auto variants = matching::NameVariants::loadFile(config.nameVariantsPath());
  if (!variants) {
    auto e = variants.error();
    e.detail = "Cannot load the name variants from " + config.nameVariantsPath() + ": " + e.detail;
    return failed(e);
  }
  auto ev = evaluateLinkage(records, truth, *variants);
  if (!ev) return failed(ev.error());
  const auto& p = ev->pairwise;
  char figures[200];
  std::snprintf(figures, sizeof figures, "precision %.4f  recall %.4f  F1 %.4f", p.precision, p.recall, p.f1);
  std::cout << "Linkage evaluation of " << withCommas(ev->records) << " records (" << command.files.size()
            << (command.files.size() == 1 ? " file" : " files") << ") against column " << command.truthColumn
            << "\n"
            << "  " << figures << "\n"
            << "  pairs: " << withCommas(p.truePairs) << " true, " << withCommas(p.predictedPairs)
            << " predicted, " << withCommas(p.correctPairs) << " correct\n"
            << "  decisions: " << withCommas(ev->counts.linked) << " link, "
            << withCommas(ev->counts.reviewed) << " review (kept apart), " << withCommas(ev->counts.created)
            << " new\n";
  {
    const auto& r = ev->ifReviewed;
    const double share =
        ev->records ? 100.0 * static_cast<double>(ev->counts.reviewed) / static_cast<double>(ev->records)
                    : 0.0;
    char reviewed[200];
    std::snprintf(reviewed, sizeof reviewed,
                  "review share %.2f%%; had each review been decided rightly: recall %.4f  F1 %.4f", share,
                  r.recall, r.f1);
    std::cout << "  " << reviewed << "\n";
  }
  if (ev->withoutTruth)
    std::cout << "  rows without a truth label (each its own child): " << ev->withoutTruth << "\n";
  std::cout << "  time: " << ev->seconds << " s ("
            << withCommas(static_cast<std::size_t>(
                   ev->seconds > 0 ? static_cast<double>(ev->records) / ev->seconds : 0))
            << " records/s)\n";
  return 0;
}

}  // namespace ycr::services
