#include "ycr/services/card_svg.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <sys/wait.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "support/files.h"
#include "ycr/services/card_signing.h"

using namespace ycr;
using namespace ycr::services;
using test_support::TempDir;
namespace fs = std::filesystem;

namespace {

CardFace sampleFace() {
  CardFace face;
  face.preferredName = "Zoë O'Brien";
  face.cardNumber = "YC0314159266";
  face.expires = *parseIsoDate("2025-02-28");
  face.issuingService = "Leicester Young Carers Service";
  face.contactPhone = "0116 454 1004";
  face.sharing = {SharingArea::medication, SharingArea::discharge_or_care_planning};
  face.verifyUrl = "https://youngcarers.example.gov.uk/verify/abc";
  return face;
}

struct Run {
  int exitCode = -1;
  std::string out;
};

Run run(const std::string& command) {
  Run r;
  std::FILE* pipe = ::popen(command.c_str(), "r");
  BOOST_REQUIRE_MESSAGE(pipe != nullptr, "cannot run " << command);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The card tests need these tools; a machine without them fails loudly rather than skipping.
void requireTool(const std::string& tool, const std::string& debianPackage) {
  if (run("command -v " + tool + " >/dev/null 2>&1").exitCode != 0)
    BOOST_FAIL(tool +
               " is not installed: the printable card test rasterises the SVG and decodes its QR code. "
               "Install the Debian package " +
               debianPackage + " (apt-get install -y " + debianPackage + ")");
}

// What a phone camera would read from the printed card: the SVG rasterised at 300 dpi, the QR
// code found and decoded by zbar.
std::string decodeQrFromSvg(const std::string& svg) {
  requireTool("rsvg-convert", "librsvg2-bin");
  requireTool("zbarimg", "zbar-tools");
  TempDir tmp("card-svg");
  const fs::path svgPath = tmp.path / "card.svg", pngPath = tmp.path / "card.png",
                 errPath = tmp.path / "err.txt";
  std::ofstream(svgPath, std::ios::binary) << svg;
  Run raster = run("rsvg-convert --dpi-x 300 --dpi-y 300 --background-color white -o '" + pngPath.string() +
                   "' '" + svgPath.string() + "' 2>'" + errPath.string() + "'");
  BOOST_REQUIRE_MESSAGE(raster.exitCode == 0, "rsvg-convert failed on the card SVG");
  Run scan = run("zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" + pngPath.string() + "' 2>'" +
                 errPath.string() + "'");
  BOOST_REQUIRE_MESSAGE(scan.exitCode == 0, "zbarimg found no QR code on the rasterised card");
  while (!scan.out.empty() && (scan.out.back() == '\n' || scan.out.back() == '\r')) scan.out.pop_back();
  return scan.out;
}

using Document = Poco::AutoPtr<Poco::XML::Document>;

Document parse(const std::string& svg) {
  Poco::XML::DOMParser parser;
  return Document(parser.parseString(svg));
}

// Every piece of text a person sees on the card, in document order.
std::vector<std::string> visibleTexts(const Document& doc) {
  std::vector<std::string> texts;
  Poco::AutoPtr<Poco::XML::NodeList> nodes = doc->getElementsByTagName("text");
  for (unsigned long i = 0; i < nodes->length(); ++i) texts.push_back(nodes->item(i)->innerText());
  return texts;
}

bool shows(const std::vector<std::string>& texts, const std::string& wanted) {
  return std::find(texts.begin(), texts.end(), wanted) != texts.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(card_svg_test)

BOOST_AUTO_TEST_CASE(the_printed_qr_code_opens_the_cards_verify_page) {
  auto signer = CardSigner::fromSeed(CardSigner::Seed{7});
  const std::string token = signer.token("YC0314159266").value();
  const std::vector<std::string> urls = {
      "https://youngcarers.example.gov.uk/verify/" + token,
      "https://ycr.example/verify/" + token,
      "http://localhost:8080/verify/" + token + "?lang=en&src=card",
  };
  for (const auto& url : urls) {
    BOOST_TEST_CONTEXT(url) {
      CardFace face = sampleFace();
      face.verifyUrl = url;
      auto svg = renderCardSvg(face);
      BOOST_REQUIRE(svg.ok());
      const std::string decoded = decodeQrFromSvg(*svg);
      BOOST_TEST(decoded == url);
      // And the scanned token is genuine for this card.
      const auto slash = decoded.find("/verify/");
      BOOST_REQUIRE(slash != std::string::npos);
      BOOST_TEST(signer.verify(decoded.substr(slash + 8, kCardTokenLength)).value() == "YC0314159266");
    }
  }
}

BOOST_AUTO_TEST_CASE(hostile_and_unusual_names_are_shown_as_written_and_never_as_markup) {
  struct Row {
    std::string given;
    std::string shown;
  };
  const std::vector<Row> table = {
      {"O'Brien", "O'Brien"},
      {"Zoë", "Zoë"},
      {"Siân \"Shan\" Jones", "Siân \"Shan\" Jones"},
      {"<script>alert(1)</script>", "<script>alert(1)</script>"},
      {"Tom & Jerry ]]> <!-- x -->", "Tom & Jerry ]]> <!-- x -->"},
      {"&amp; &#60; &lt;", "&amp; &#60; &lt;"},
      {"李小龍 🙂", "李小龍 🙂"},
      {"Bad\xff byte", "Bad\xEF\xBF\xBD byte"},
      {"Bell\x07 and\x1b escape", "Bell and escape"},
      {"Line\nbreak", "Line break"},
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT("name '" << row.given << "'") {
      CardFace face = sampleFace();
      face.preferredName = row.given;
      face.issuingService = row.given + " Service";
      face.contactPhone = row.given;
      auto svg = renderCardSvg(face);
      BOOST_REQUIRE(svg.ok());
      BOOST_TEST(svg->find("<script") == std::string::npos);
      BOOST_TEST(svg->find("<!--") == std::string::npos);
      Document doc;
      BOOST_REQUIRE_NO_THROW(doc = parse(*svg));
      const auto texts = visibleTexts(doc);
      BOOST_TEST(shows(texts, row.shown));
      BOOST_TEST(shows(texts, "Issued by " + row.shown + " Service"));
      Poco::AutoPtr<Poco::XML::NodeList> titles = doc->getElementsByTagName("title");
      BOOST_REQUIRE(titles->length() == 1u);
      BOOST_TEST(titles->item(0)->innerText().find(row.shown) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(front_and_back_are_bank_card_sized_in_millimetres) {
  auto svg = renderCardSvg(sampleFace());
  BOOST_REQUIRE(svg.ok());
  auto doc = parse(*svg);
  auto* root = doc->documentElement();
  BOOST_TEST(root->nodeName() == "svg");
  BOOST_TEST(root->getAttribute("width") == "177.2mm");
  BOOST_TEST(root->getAttribute("height") == "53.98mm");
  BOOST_TEST(root->getAttribute("viewBox") == "0 0 177.2 53.98");
  Poco::AutoPtr<Poco::XML::NodeList> rects = doc->getElementsByTagName("rect");
  std::vector<std::string> cardsAt;
  for (unsigned long i = 0; i < rects->length(); ++i) {
    auto* rect = static_cast<Poco::XML::Element*>(rects->item(i));
    if (rect->getAttribute("width") == "85.6" && rect->getAttribute("height") == "53.98")
      cardsAt.push_back(rect->getAttribute("x"));
  }
  BOOST_TEST(cardsAt == (std::vector<std::string>{"0", "91.6"}), boost::test_tools::per_element());
  // Screen readers announce the card by its title and description, which come first.
  auto* first = root->firstChild();
  while (first && first->nodeType() != Poco::XML::Node::ELEMENT_NODE) first = first->nextSibling();
  BOOST_REQUIRE(first);
  BOOST_TEST(first->nodeName() == "title");
  Poco::AutoPtr<Poco::XML::NodeList> descs = doc->getElementsByTagName("desc");
  BOOST_REQUIRE(descs->length() == 1u);
  BOOST_TEST(descs->item(0)->innerText().find("Medication, Discharge or care planning") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_card_says_who_what_until_when_and_what_may_be_shared) {
  auto svg = renderCardSvg(sampleFace());
  BOOST_REQUIRE(svg.ok());
  const auto texts = visibleTexts(parse(*svg));
  for (std::string wanted :
       {"Young carer", "Zoë O'Brien", "YC 0314 1592 66", "28 February 2025",
        "Issued by Leicester Young Carers Service", "• Medication", "• Discharge or care planning"}) {
    BOOST_TEST(shows(texts, wanted), "card does not show '" << wanted << "'");
  }
  for (std::string notAgreed : {"• Diagnosis", "• Prognosis"}) BOOST_TEST(!shows(texts, notAgreed));
  std::string all;
  for (const auto& t : texts) all += t + " ";
  BOOST_TEST(all.find("Health staff") != std::string::npos);
  BOOST_TEST(all.find("0116 454 1004") != std::string::npos);

  CardFace none = sampleFace();
  none.sharing.clear();
  BOOST_TEST(shows(visibleTexts(parse(renderCardSvg(none).value())), "No areas agreed"));
}

BOOST_AUTO_TEST_CASE(a_card_that_cannot_be_drawn_is_refused) {
  struct Row {
    const char* what;
    void (*spoil)(CardFace&);
    const char* field;
    const char* code;
  };
  const std::vector<Row> table = {
      {"bad check digit", [](CardFace& f) { f.cardNumber = "YC0314159267"; }, "number",
       "invalid_card_number"},
      {"no expiry", [](CardFace& f) { f.expires = Date{}; }, "expires", "invalid_date"},
      {"no verify address", [](CardFace& f) { f.verifyUrl.clear(); }, "verify_url", "required"},
      {"address too long for a QR code",
       [](CardFace& f) { f.verifyUrl = "https://x/" + std::string(3000, 'a'); }, "verify_url", "too_long"},
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT(row.what) {
      CardFace face = sampleFace();
      row.spoil(face);
      auto svg = renderCardSvg(face);
      BOOST_REQUIRE(!svg.ok());
      BOOST_TEST(svg.error().code == ErrorCode::validation);
      BOOST_REQUIRE(!svg.error().fields.empty());
      BOOST_TEST(svg.error().fields[0].field == row.field);
      BOOST_TEST(svg.error().fields[0].code == row.code);
    }
  }
}

BOOST_AUTO_TEST_CASE(xml_escaping_table) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"plain", "plain"},
      {"O'Brien & <Co> \"quoted\"", "O&apos;Brien &amp; &lt;Co&gt; &quot;quoted&quot;"},
      {"Zoë 🙂", "Zoë 🙂"},
      {"tab\there", "tab here"},
      {std::string("nul\0byte", 8), "nulbyte"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // overlong '/'
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate
      {"\xEF\xBF\xBE", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // U+FFFE is not an XML character
      {"cut \xE2\x82", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},          // truncated sequence
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // beyond U+10FFFF
  };
  for (const auto& [in, out] : table) {
    BOOST_TEST_CONTEXT("input '" << in << "'") {
      BOOST_TEST(xmlEscape(in) == out);
    }
  }
}

BOOST_AUTO_TEST_CASE(dates_are_written_as_people_in_england_write_them) {
  BOOST_TEST(formatLongDate(*parseIsoDate("2025-02-28")) == "28 February 2025");
  BOOST_TEST(formatLongDate(*parseIsoDate("2024-12-01")) == "1 December 2024");
}

BOOST_AUTO_TEST_SUITE_END()
