// The data protection subcommands: `ycr export` (subject access) and `ycr retention run`, both acting
// as the data protection role from the command line (audited "by the command line (USER)").

#include <fstream>
#include <iostream>
#include <memory>

#include "cli_support.h"
#include "ycr/services/retention.h"
#include "ycr/services/subject_access.h"

namespace ycr::services::cli_support {
namespace {

void printReport(const RetentionReport& r) {
  std::cout << (r.dryRun ? "Dry run: nothing changed. " : "") << "Retention run " << r.runId << ": "
            << r.anonymised.size() << (r.dryRun ? " record(s) due" : " record(s) anonymised") << ", "
            << r.held.size() << " held, " << r.failed.size() << " failed\n";
  retentionReportJson(r)->stringify(std::cout, 2);
  std::cout << "\n";
}

}  // namespace

void addExportCommand(CLI::App& cli, Settings& s, char** env) {
  // ---- export ----
  // A subject access request answered by whoever runs the server (the data protection role): the
  // young person's whole record, audited as exported "by the command line".
  auto* exportCmd = cli.add_subcommand(
      "export",
      "Export everything held about one young person (subject access), marked for redaction review");
  addCommonOptions(exportCmd, s);
  // Owned by the callback, which lives as long as the command line that parses into them.
  struct Options {
    long long id = 0;
    std::string format = "json", out;
  };
  auto o = std::make_shared<Options>();
  long long& exportId = o->id;
  std::string& exportFormat = o->format;
  std::string& exportOut = o->out;
  exportCmd->add_option("--young-carer", exportId, "The young carer's record id")->required();
  exportCmd->add_option("--format", exportFormat, "json (default) or html (a printable document)")
      ->check(CLI::IsMember({"json", "html"}));
  exportCmd->add_option("--output", exportOut, "Write to this file instead of standard output");
  exportCmd->callback([o, &s, env, &exportId, &exportFormat, &exportOut] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto store = openMigrated(*config);
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    SystemClock clock;
    SubjectAccess subjectAccess(*store.value(), clock);
    auto document = subjectAccess.exportRecord(commandLineDataProtection(), exportId, exportFormat);
    if (!document) throw CLI::RuntimeError(fail(document.error()));
    const std::string text =
        exportFormat == "html" ? subjectAccessHtml(*document) : subjectAccessJsonText(*document);
    if (exportOut.empty()) {
      std::cout << text;
      return;
    }
    std::ofstream out(exportOut, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw CLI::RuntimeError(fail(DomainError::unavailable("Cannot write " + exportOut)));
    std::cerr << "Wrote the record of young carer " << exportId << " to " << exportOut << "\n";
  });
}

void addRetentionCommand(CLI::App& cli, Settings& s, char** env) {
  auto* retention = cli.add_subcommand("retention", "Retention of closed records (the data protection role)");
  retention->require_subcommand(1);
  auto* run = retention->add_subcommand(
      "run",
      "Anonymise every closed record past the retention schedule that no legal hold keeps, and report");
  addCommonOptions(run, s);
  auto dryRun = std::make_shared<bool>(false);
  run->add_flag("--dry-run", *dryRun, "Report what would be anonymised and change nothing");
  run->callback([dryRun, &s, env] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto store = openMigrated(*config);
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    SystemClock clock;
    Retention retention(*store.value(), clock, config->retention);
    auto report = retention.run(commandLineDataProtection(), *dryRun);
    if (!report) throw CLI::RuntimeError(fail(report.error()));
    printReport(*report);
  });
}

}  // namespace ycr::services::cli_support
