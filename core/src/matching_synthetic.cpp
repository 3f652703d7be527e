#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "ycr/core/matching/synthetic.h"

namespace ycr::matching {
using Names = std::vector<std::string_view>;

// Common names of communities found in English councils; siblings never get two names of one
// variant group (no Harry and Henry), so the lists avoid such pairs within a community.
struct Community {
  std::string_view name;
  double share;
  Names boys, girls, family;
};

namespace {

const std::vector<Community>& communities() {
  static const std::vector<Community> k = {
      {"white_british",
       0.60,
       {"Oliver", "George", "Harry",  "Jack",   "Jacob",   "Noah",   "Thomas", "Oscar",    "William",
        "James",  "Leo",    "Alfie",  "Joshua", "Freddie", "Archie", "Ethan",  "Isaac",    "Alexander",
        "Joseph", "Samuel", "Daniel", "Logan",  "Edward",  "Lucas",  "Max",    "Benjamin", "Matthew",
        "Dylan",  "Ryan",   "Lewis",  "Callum", "Tyler",   "Riley",  "Mason",  "Jenson",   "Reuben",
        "Toby",   "Finley", "Theo",   "Kai",    "Bobby",   "Louie"},
       {"Olivia",   "Amelia",  "Isla",   "Ava",    "Emily",   "Isabella", "Mia",    "Poppy",     "Ella",
        "Lily",     "Jessica", "Sophie", "Grace",  "Evie",    "Chloë",    "Ruby",   "Charlotte", "Freya",
        "Daisy",    "Alice",   "Hannah", "Holly",  "Lucy",    "Megan",    "Katie",  "Elizabeth", "Abigail",
        "Rebecca",  "Zoë",     "Amy",    "Lauren", "Bethany", "Scarlett", "Phoebe", "Matilda",   "Imogen",
        "Florence", "Willow",  "Harper", "Rosie",  "Erin",    "Renée"},
       {"Smith",       "Jones",        "Williams",    "Taylor",     "Brown",     "Davies",   "Evans",
        "Wilson",      "Thomas",       "Johnson",     "Roberts",    "Robinson",  "Thompson", "Wright",
        "Walker",      "White",        "Edwards",     "Hughes",     "Green",     "Hall",     "Lewis",
        "Harris",      "Clarke",       "Jackson",     "Wood",       "Turner",    "Martin",   "Cooper",
        "Hill",        "Ward",         "Morris",      "Moore",      "Clark",     "King",     "Baker",
        "Harrison",    "Morgan",       "Allen",       "Scott",      "Phillips",  "Watson",   "Parker",
        "Price",       "Bennett",      "Young",       "Griffiths",  "Mitchell",  "Cook",     "Carter",
        "Richardson",  "Bailey",       "Collins",     "Bell",       "Shaw",      "Cox",      "Richards",
        "Marsh",       "Holmes",       "Fletcher",    "Gibson",     "Pearson",   "Chapman",  "Lloyd",
        "Ellis",       "Webb",         "Rogers",      "Stevens",    "Mills",     "Palmer",   "Hunt",
        "Smith-Jones", "Brown-Taylor", "Ward-Hughes", "Lloyd-Webb", "Hart-Davis"}},
      {"south_asian",
       0.14,
       {"Mohammed", "Muhammad", "Ali",    "Aryan",  "Arjun",    "Rohan",   "Rahul",  "Vikram",
        "Gurpreet", "Harjeet",  "Amrit",  "Sanjay", "Ravi",     "Krishna", "Dev",    "Ishaan",
        "Zain",     "Ayaan",    "Rayyan", "Hamza",  "Bilal",    "Imran",   "Faisal", "Usman",
        "Arham",    "Sahil",    "Nikhil", "Kabir",  "Jaskaran", "Rishi"},
       {"Priya", "Anjali",  "Aisha",   "Fatima", "Zara",    "Maryam",  "Simran", "Navneet", "Kiran",
        "Divya", "Pooja",   "Sana",    "Noor",   "Hafsa",   "Khadija", "Amina",  "Inaya",   "Anaya",
        "Riya",  "Jasleen", "Harleen", "Nadia",  "Sabrina", "Tanvi",   "Meera"},
       {"Patel", "Khan",   "Ahmed",   "Hussain",   "Ali",     "Shah",  "Singh", "Kaur",   "Sharma", "Rahman",
        "Iqbal", "Akhtar", "Mahmood", "Chowdhury", "Islam",   "Miah",  "Uddin", "Mistry", "Parmar", "Chauhan",
        "Gill",  "Sandhu", "Bains",   "Dhillon",   "Kumar",   "Lad",   "Mehta", "Desai",  "Joshi",  "Begum",
        "Bibi",  "Rana",   "Malik",   "Siddiqui",  "Qureshi", "Javed", "Anwar", "Aziz",   "Bhatti", "Sidhu"}},
      {"black_african_caribbean",
       0.08,
       {"Kwame",   "Kofi",   "Chinedu", "Emeka",  "Oluwaseun", "Tunde", "Femi",
        "David",   "Elijah", "Jayden",  "Tyrese", "Marcus",    "Andre", "Jermaine",
        "Malachi", "Ebuka",  "Tobi",    "Kayden", "Nathaniel", "Joel"},
       {"Chioma", "Ngozi",  "Adaeze", "Amara",    "Abena",   "Precious", "Blessing",
        "Favour", "Esther", "Naomi",  "Tiana",    "Keisha",  "Shanice",  "Imani",
        "Nia",    "Zainab", "Folake", "Temitope", "Ayomide", "Deborah"},
       {"Okafor",   "Adeyemi", "Mensah",  "Boateng",  "Owusu",    "Asante", "Okonkwo", "Eze",   "Nwosu",
        "Adebayo",  "Afolabi", "Osei",    "Campbell", "Francis",  "Grant",  "Henry",   "Okoro", "Adeleke",
        "Ogunleye", "Bello",   "Johnson", "Williams", "Baptiste", "Reid",   "Gordon"}},
      {"polish",
       0.05,
       {"Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Bartosz", "Wiktor", "Antoni", "Jan", "Piotr",
        "Michał", "Łukasz", "Krzysztof", "Paweł", "Tomasz"},
       {"Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Aleksandra", "Natalia", "Wiktoria", "Oliwia",
        "Agnieszka", "Małgorzata", "Katarzyna", "Magdalena"},
       {"Nowak",       "Kowalski",  "Wiśniewski", "Wójcik",    "Kowalczyk",  "Kamiński",  "Lewandowski",
        "Zieliński",   "Szymański", "Woźniak",    "Dąbrowski", "Kozłowski",  "Jankowski", "Mazur",
        "Kwiatkowski", "Krawczyk",  "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski"}},
      {"arab",
       0.04,
       {"Omar", "Yusuf", "Ibrahim", "Ahmed", "Khalid", "Mustafa", "Karim", "Tariq", "Sami", "Adam", "Hassan",
        "Abdullah", "Zakaria", "Idris", "Amir", "Mohammed"},
       {"Layla", "Mariam", "Nour", "Yasmin", "Salma", "Huda", "Rania", "Lina", "Dina", "Amira", "Hana",
        "Jana", "Aya", "Malak"},
       {"Al-Amin", "Al-Sayed", "Haddad",    "Hassan",     "Mansour", "Nasser",  "Khalil",
        "Saleh",   "Abdullah", "Al-Rashid", "Farah",      "Hamdan",  "Ibrahim", "Mahmoud",
        "Osman",   "Yousef",   "El-Masri",  "Al-Hashimi", "Darwish", "Qasim"}},
      {"chinese",
       0.03,
       {"Wei", "Jun", "Hao", "Yi", "Zhi", "Kai", "Jason", "Kevin", "Ming", "Tian"},
       {"Mei", "Xin", "Ling", "Yan", "Hui", "Jing", "Ying", "Xiao", "Grace", "Joanne"},
       {"Wang", "Li", "Zhang", "Liu",  "Chen",  "Yang",   "Huang", "Zhao", "Wu",   "Zhou",
        "Lin",  "Ng", "Wong",  "Chan", "Leung", "Cheung", "Lam",   "Ho",   "Tang", "Lau"}},
      {"irish",
       0.05,
       {"Sean", "Conor", "Ciarán", "Niall", "Cian", "Oisín", "Pádraig", "Declan", "Eoin", "Darragh", "Liam",
        "Patrick", "Michael", "Fionn", "Ronan"},
       {"Aoife", "Siobhán", "Niamh", "Ciara", "Orla", "Róisín", "Saoirse", "Caoimhe", "Sinéad", "Aisling",
        "Gráinne", "Clodagh", "Mairéad", "Bríd"},
       {"Murphy", "Kelly",      "O'Brien",  "O'Sullivan", "Walsh",          "O'Connor",  "Byrne",
        "Ryan",   "McCarthy",   "Doyle",    "O'Neill",    "Gallagher",      "Kennedy",   "Lynch",
        "Quinn",  "Fitzgerald", "McDonagh", "Brennan",    "Ó Súilleabháin", "Mac Giolla"}},
      {"vietnamese",
       0.01,
       {"Minh", "Tuấn", "Hùng", "Quang", "Đức", "Khánh", "Long", "Nam"},
       {"Linh", "Hương", "Thảo", "Lan", "Mai", "Ngọc", "Trang", "Phương"},
       {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"}},
  };
  return k;
}

// Nicknames and spelling variants a source may use instead of the registered name.
const std::vector<std::pair<std::string_view, Names>>& nicknames() {
  static const std::vector<std::pair<std::string_view, Names>> k = {
      {"William", {"Will", "Bill", "Billy"}},
      {"Alexander", {"Alex", "Xander"}},
      {"Elizabeth", {"Beth", "Lizzie", "Liz"}},
      {"Thomas", {"Tom", "Tommy"}},
      {"James", {"Jamie", "Jim"}},
      {"Joshua", {"Josh"}},
      {"Samuel", {"Sam"}},
      {"Daniel", {"Dan", "Danny"}},
      {"Matthew", {"Matt"}},
      {"Benjamin", {"Ben"}},
      {"Joseph", {"Joe"}},
      {"Edward", {"Ed", "Eddie", "Ted"}},
      {"Charlotte", {"Lottie", "Charlie"}},
      {"Jessica", {"Jess"}},
      {"Rebecca", {"Becky"}},
      {"Abigail", {"Abbie", "Abby"}},
      {"Freddie", {"Frederick"}},
      {"Alfie", {"Alfred"}},
      {"Archie", {"Archibald"}},
      {"Oliver", {"Ollie"}},
      {"Olivia", {"Liv"}},
      {"Isabella", {"Bella", "Izzy"}},
      {"Katie", {"Katherine", "Kate"}},
      {"Megan", {"Meg"}},
      {"Theo", {"Theodore"}},
      {"Max", {"Maxwell"}},
      {"Mohammed", {"Mohamed", "Muhammad", "Mohammad"}},
      {"Muhammad", {"Mohammed", "Mohamed"}},
      {"Yusuf", {"Yousef", "Yusef"}},
      {"Ibrahim", {"Ebrahim"}},
      {"Aisha", {"Ayesha", "Aysha"}},
      {"Fatima", {"Fatimah"}},
      {"Maryam", {"Mariam"}},
      {"Mariam", {"Maryam"}},
      {"Hamza", {"Hamzah"}},
      {"Usman", {"Osman", "Uthman"}},
      {"Amina", {"Aminah"}},
      {"Zakaria", {"Zakariya"}},
      {"Khadija", {"Khadijah"}},
      {"Noor", {"Nour"}},
      {"Nour", {"Noor"}},
      {"Yasmin", {"Yasmine"}},
      {"Omar", {"Umar"}},
      {"Hassan", {"Hasan"}},
      {"Jakub", {"Kuba"}},
      {"Aleksandra", {"Ola"}},
      {"Małgorzata", {"Gosia"}},
      {"Katarzyna", {"Kasia"}},
      {"Wiktoria", {"Victoria"}},
      {"Oliwia", {"Olivia"}},
      {"Zuzanna", {"Zuzia"}},
      {"Michał", {"Michael"}},
      {"Sean", {"Shaun"}},
      {"Patrick", {"Paddy"}},
      {"Pádraig", {"Patrick"}},
      {"Oluwaseun", {"Seun"}},
      {"Temitope", {"Tope"}},
      {"Tobi", {"Oluwatobi"}},
      {"Emeka", {"Chukwuemeka"}},
      {"Tunde", {"Babatunde"}},
      {"Femi", {"Oluwafemi"}},
      {"Ebuka", {"Ebubechukwu"}},
      {"Conor", {"Connor"}},
      {"Ciarán", {"Kieran"}},
      {"Nathaniel", {"Nathan", "Nat"}},
      {"Lewis", {"Louis"}},
      {"Callum", {"Calum"}},
      {"Zoë", {"Zoey"}},
      {"Hannah", {"Hanna"}},
      {"Lucas", {"Luca"}},
      {"Harry", {"Harrison"}},
      {"Amelia", {"Millie"}},
  };
  return k;
}

const Names kStreets = {"Oak",          "Church",   "Victoria",   "Station",   "Park",        "Mill",
                        "School",       "Queens",   "Kings",      "Albert",    "Grange",      "Highfield",
                        "Manor",        "Spencer",  "Belgrave",   "Melton",    "Narborough",  "Humberstone",
                        "Uppingham",    "Evington", "Clarendon",  "Westcotes", "Braunstone",  "Halton",
                        "Castlefields", "Priory",   "Wellington", "Tangier",   "Staplegrove", "Cheddon",
                        "Hamilton",     "Beaumont", "Linwood",    "Ashfield",  "Rowan",       "Willow",
                        "Maple",        "Cedar"};
const Names kStreetKinds = {"Road",  "Street",   "Avenue",  "Lane", "Close",
                            "Drive", "Crescent", "Gardens", "Way",  "Court"};
constexpr std::string_view kUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

std::string upperAscii(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// Accents removed the way a keyboard without them would: the fold of each accented letter,
// keeping case, apostrophes and hyphens.
std::string withoutAccents(std::string_view name) {
  std::string out;
  for (char32_t c : decodeUtf8(name)) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    char32_t one[1] = {c};
    std::string folded = foldName(encodeUtf8(std::u32string_view(one, 1)));
    bool capital = (c >= 0xC0 && c <= 0xDE) || (c < 0x180 && c % 2 == 0) || (c >= 0x1EA0 && c % 2 == 0);
    if (capital && !folded.empty()) folded[0] = static_cast<char>(folded[0] - 'a' + 'A');
    out += folded;
  }
  return out;
}

// SplitMix64: tiny, fast, and the same sequence on every platform (unlike std distributions).
struct Stream {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

bool hasNonAscii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

}  // namespace

struct SyntheticGenerator::Household {
  const Community* community;
  std::string family, postcode, address, district;
};

SyntheticGenerator::SyntheticGenerator(SyntheticConfig config)
    : config_(std::move(config)), state_(config_.seed) {}

std::uint64_t SyntheticGenerator::next() {
  Stream s{state_};
  std::uint64_t v = s.next();
  state_ = s.state;
  return v;
}
double SyntheticGenerator::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}
std::size_t SyntheticGenerator::below(std::size_t n) {
  return static_cast<std::size_t>(next() % n);
}

std::size_t SyntheticGenerator::pick(std::size_t n) {
  if (config_.nameZipf <= 0 || n < 2) return below(n);
  double total = 0;
  for (std::size_t r = 1; r <= n; ++r) total += std::pow(static_cast<double>(r), -config_.nameZipf);
  double x = uniform() * total;
  for (std::size_t r = 1; r <= n; ++r) {
    x -= std::pow(static_cast<double>(r), -config_.nameZipf);
    if (x < 0) return r - 1;
  }
  return n - 1;
}

std::string SyntheticGenerator::randomPostcode(const std::string& district) {
  std::string pc = district + " ";
  pc.push_back(static_cast<char>('1' + below(9)));
  pc.push_back(kUnitLetters[below(kUnitLetters.size())]);
  pc.push_back(kUnitLetters[below(kUnitLetters.size())]);
  return pc;
}

std::string SyntheticGenerator::randomAddress() {
  std::string a;
  if (uniform() < 0.15) a = "Flat " + std::to_string(1 + below(24)) + ", ";
  // One draw per statement: the operands of a chain of + are evaluated in an unspecified order (GCC
  // right to left, clang left to right), and the committed linkage files were made in GCC's order.
  const std::string_view kind = kStreetKinds[below(kStreetKinds.size())];
  const std::string_view street = kStreets[below(kStreets.size())];
  const std::size_t number = 1 + below(180);
  a += std::to_string(number) + " " + std::string(street) + " " + std::string(kind);
  return a;
}

std::string SyntheticGenerator::school(const std::string& district, int age) {
  // Each district has 12 primary schools (ages 5-10) and 4 secondaries (11-17); URNs are six
  // digits derived from the district so the same school always has the same URN.
  std::uint32_t h = 0;
  for (char c : district) h = h * 31 + static_cast<unsigned char>(c);
  bool secondary = age >= 11;
  std::uint32_t n = secondary ? 4 : 12;
  std::uint32_t urn =
      100000 + (h % 800) * 1000 + (secondary ? 500 : 0) + static_cast<std::uint32_t>(below(n));
  return std::to_string(urn);
}

SyntheticGenerator::Household SyntheticGenerator::household() {
  double r = uniform(), acc = 0;
  const Community* community = &communities().front();
  for (const auto& c : communities()) {
    acc += c.share;
    if (r < acc) {
      community = &c;
      break;
    }
  }
  Household h;
  h.community = community;
  h.family = std::string(community->family[pick(community->family.size())]);
  h.district = config_.districts[below(config_.districts.size())];
  h.postcode = randomPostcode(h.district);
  h.address = randomAddress();
  return h;
}

std::vector<PersonRecord> SyntheticGenerator::population(std::size_t count, Id firstId) {
  using namespace std::chrono;
  std::vector<PersonRecord> people;
  people.reserve(count);
  // Aged 5 to 17 on the reference date: born after the 18th-birthday cut-off, by the 5th.
  const sys_days latest = sys_days(
      Date{config_.referenceDate.year() - years(5), config_.referenceDate.month(), std::chrono::day{1}});
  const sys_days earliest = sys_days(
      Date{config_.referenceDate.year() - years(18), config_.referenceDate.month(), std::chrono::day{2}});
  const auto span = static_cast<std::size_t>((latest - earliest).count());
  Id id = firstId;
  while (people.size() < count) {
    Household h = household();
    double k = uniform();
    std::size_t children = k < 0.45 ? 1 : k < 0.80 ? 2 : k < 0.95 ? 3 : 4;
    std::vector<std::string> usedNames;
    sys_days previous{};
    for (std::size_t c = 0; c < children && people.size() < count; ++c) {
      PersonRecord p;
      p.id = id++;
      bool twin = c > 0 && uniform() < config_.twinRate;
      sys_days dob = twin ? previous : earliest + days(static_cast<int>(below(span)));
      previous = dob;
      const Names& names = uniform() < 0.5 ? h.community->boys : h.community->girls;
      std::string given;
      for (int attempt = 0; attempt < 20; ++attempt) {
        given = std::string(names[pick(names.size())]);
        // Siblings have clearly different names: no two starting with the same two letters.
        bool clash = std::any_of(usedNames.begin(), usedNames.end(), [&](const std::string& u) {
          return compactName(u).substr(0, 2) == compactName(given).substr(0, 2);
        });
        if (!clash) break;
      }
      usedNames.push_back(given);
      p.givenName = given;
      p.familyName = h.family;
      p.dateOfBirth = Date(dob);
      p.postcode = h.postcode;
      p.address = h.address;
      p.schoolUrn = school(h.district, ageOn(*p.dateOfBirth, config_.referenceDate));
      people.push_back(std::move(p));
    }
  }
  return people;
}

std::string SyntheticGenerator::formatDateMixed(const Date& date) {
  char buf[16];
  int y = static_cast<int>(date.year());
  unsigned m = static_cast<unsigned>(date.month()), d = static_cast<unsigned>(date.day());
  double r = uniform();
  if (r < 0.4) return formatIsoDate(date);
  if (r < 0.6)
    std::snprintf(buf, sizeof buf, "%u/%u/%04d", d, m, y);
  else if (r < 0.8)
    std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", d, m, y);
  else
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", y, m, d);
  return buf;
}

PersonRecord SyntheticGenerator::duplicate(const PersonRecord& truth, const ErrorRates& rates,
                                           std::vector<std::string>* applied) {
  PersonRecord p = truth;
  auto note = [&](const char* what) {
    if (applied) applied->emplace_back(what);
  };
  auto typo = [&](std::string& name) {
    std::u32string s = decodeUtf8(name);
    if (s.size() < 3) return;
    std::size_t i = 1 + below(s.size() - 1);  // the first letter is rarely wrong
    double r = uniform();
    if (r < 0.4)
      s[i] = U'a' + static_cast<char32_t>(below(26));
    else if (r < 0.7)
      s.erase(i, 1);
    else
      s.insert(i, 1, s[i]);
    name = encodeUtf8(s);
  };
  auto transpose = [&](std::string& name) {
    std::u32string s = decodeUtf8(name);
    if (s.size() < 4) return;
    std::size_t i = 1 + below(s.size() - 2);
    std::swap(s[i], s[i + 1]);
    name = encodeUtf8(s);
  };
  if (uniform() < rates.nickname) {
    for (const auto& [name, variants] : nicknames()) {
      if (name == p.givenName) {
        p.givenName = std::string(variants[below(variants.size())]);
        note("nickname");
        break;
      }
    }
  }
  if (uniform() < rates.givenTypo) {
    typo(p.givenName);
    note("given_typo");
  }
  if (uniform() < rates.familyTypo) {
    typo(p.familyName);
    note("family_typo");
  }
  if (uniform() < rates.transposition) {
    transpose(uniform() < 0.5 ? p.givenName : p.familyName);
    note("transposition");
  }
  if (uniform() < rates.hyphenOrSpace) {
    auto& f = p.familyName;
    if (auto pos = f.find_first_of("- '"); pos != std::string::npos) {
      double r = uniform();
      if (f[pos] == '-' && r < 0.3 && pos > 2)
        f = uniform() < 0.5 ? f.substr(0, pos) : f.substr(pos + 1);  // one part
      else if (r < 0.65)
        f.erase(pos, 1);
      else
        f[pos] = f[pos] == ' ' ? '-' : ' ';
      note("hyphen_or_space");
    }
  }
  if (hasNonAscii(p.givenName + p.familyName) && uniform() < rates.accentsDropped) {
    p.givenName = withoutAccents(p.givenName);
    p.familyName = withoutAccents(p.familyName);
    note("accents_dropped");
  }
  if (uniform() < rates.swappedNames) {
    std::swap(p.givenName, p.familyName);
    note("swapped_names");
  }
  if (uniform() < rates.upperCase) {
    p.givenName = upperAscii(p.givenName);
    p.familyName = upperAscii(p.familyName);
  }
  if (p.dateOfBirth) {
    auto& d = *p.dateOfBirth;
    unsigned day = static_cast<unsigned>(d.day()), month = static_cast<unsigned>(d.month());
    if (day <= 12 && day != month && uniform() < rates.dayMonthSwapped) {
      d = Date{d.year(), std::chrono::month{day}, std::chrono::day{month}};
      note("day_month_swapped");
    } else if (uniform() < rates.dobDigitSlip) {
      // One digit of the day or the last digit of the year slips by one.
      Date slipped = d;
      if (uniform() < 0.5)
        slipped = Date{d.year(), d.month(), std::chrono::day{day % 10 == 9 ? day - 1 : day + 1}};
      else
        slipped = Date{d.year() + std::chrono::years(uniform() < 0.5 ? 1 : -1), d.month(), d.day()};
      if (slipped.ok()) {
        d = slipped;
        note("dob_digit_slip");
      }
    }
  }
  if (uniform() < rates.moved) {
    auto district = config_.districts[below(config_.districts.size())];
    p.postcode = randomPostcode(district);
    p.address = randomAddress();
    note("moved");
  } else if (uniform() < rates.postcodeSlip && p.postcode.size() >= 3) {
    auto& pc = p.postcode;
    if (uniform() < 0.5)
      std::swap(pc[pc.size() - 1], pc[pc.size() - 2]);  // LE2 7GH -> LE2 7HG
    else
      pc[pc.size() - 1] = kUnitLetters[below(kUnitLetters.size())];
    note("postcode_slip");
  }
  if (uniform() < rates.schoolChanged) {
    auto urn = static_cast<unsigned>(std::stoul(p.schoolUrn.empty() ? "100000" : p.schoolUrn));
    p.schoolUrn = std::to_string(urn + 1 + below(3));
    note("school_changed");
  }
  if (uniform() < rates.addressRewritten) {
    for (auto [from, to] :
         {std::pair<std::string, std::string>{" Road", " Rd"}, {" Street", " St"}, {" Avenue", " Ave"}}) {
      if (auto pos = p.address.find(from); pos != std::string::npos) p.address.replace(pos, from.size(), to);
    }
    if (p.address.rfind("Flat ", 0) == 0 && uniform() < 0.5)
      p.address = p.address.substr(p.address.find(", ") + 2);
  }
  if (uniform() < rates.missingDob) {
    p.dateOfBirth.reset();
    note("missing_dob");
  }
  if (uniform() < rates.missingPostcode) {
    p.postcode.clear();
    note("missing_postcode");
  }
  if (uniform() < rates.missingSchool) p.schoolUrn.clear();
  if (uniform() < rates.missingAddress) p.address.clear();
  if (uniform() < 0.3) {
    // Postcodes arrive without the space or in lower case as often as not.
    std::string compact;
    for (char c : p.postcode)
      if (c != ' ')
        compact.push_back(uniform() < 0.5 ? c
                                          : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    p.postcode = compact;
  }
  return p;
}

std::string describe(const LinkageFilesConfig& c) {
  char buf[512];
  const auto& r = c.rates;
  std::snprintf(
      buf, sizeof buf,
      "generated by ycr::matching::generateLinkageFiles seed=%llu people=%zu coverage=%.2f/%.2f/%.2f "
      "within_source_duplicates=%.2f given_typo=%.2f family_typo=%.2f transposition=%.2f nickname=%.2f "
      "swapped_names=%.2f hyphen_or_space=%.2f day_month_swapped=%.2f dob_digit_slip=%.2f "
      "postcode_slip=%.2f moved=%.2f school_changed=%.2f missing_dob=%.2f missing_postcode=%.2f",
      static_cast<unsigned long long>(c.seed), c.people, c.sourceCoverage.at(0), c.sourceCoverage.at(1),
      c.sourceCoverage.at(2), c.withinSourceDuplicates, r.givenTypo, r.familyTypo, r.transposition,
      r.nickname, r.swappedNames, r.hyphenOrSpace, r.dayMonthSwapped, r.dobDigitSlip, r.postcodeSlip, r.moved,
      r.schoolChanged, r.missingDob, r.missingPostcode);
  return buf;
}

std::vector<LinkageSource> generateLinkageFiles(const LinkageFilesConfig& config) {
  SyntheticConfig sc;
  sc.seed = config.seed;
  SyntheticGenerator gen(sc);
  auto people = gen.population(config.people);
  std::vector<LinkageSource> sources;
  for (const auto& name : config.sourceNames) sources.push_back({name, {}});
  // A separate stream decides who appears where, so changing error rates does not change it.
  Stream coverage{config.seed ^ 0xC0FFEEull};
  for (const auto& person : people) {
    std::vector<std::size_t> in;
    for (std::size_t s = 0; s < sources.size(); ++s)
      if (coverage.uniform() < config.sourceCoverage.at(s)) in.push_back(s);
    if (in.empty()) in.push_back(coverage.below(sources.size()));
    for (auto s : in) {
      int copies = coverage.uniform() < config.withinSourceDuplicates ? 2 : 1;
      for (int k = 0; k < copies; ++k) {
        LinkageRow row;
        row.truthId = person.id;
        row.record = gen.duplicate(person, config.rates);
        row.record.id = 0;
        row.dateOfBirthText = row.record.dateOfBirth ? gen.formatDateMixed(*row.record.dateOfBirth) : "";
        sources[s].rows.push_back(std::move(row));
      }
    }
  }
  Stream shuffle{config.seed + 7};
  for (auto& source : sources) {
    // Sources list children in their own order, not the generator's.
    auto& rows = source.rows;
    for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[shuffle.below(i)]);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      char ref[32];
      std::snprintf(ref, sizeof ref, "%s-%05zu", source.name.c_str(), i + 1);
      rows[i].sourceRef = ref;
    }
  }
  return sources;
}

}  // namespace ycr::matching
