-- wrk script for tests/bench/http_bench.sh: each request a referral about a new child, from a
-- school's referrer. Names come from the thread and a counter (letters only, as names must be),
-- offset by the run so that no run repeats another's children.
local threads = {}
local counter = 0
local offset = 0
local token = ""
local letters = "abcdefghijklmnopqrstuvwxyz"
local given = { "Amira", "Oliver", "Chloe", "Mohammed", "Priya", "Jack", "Zainab", "Harry", "Maya", "Ethan" }
local postcodes = { "LE1 1AA", "LE2 7GH", "LE3 1AA", "LE4 6BY", "LE5 3QD", "LE2 1TE", "LE3 9QN", "LE4 0PR" }

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

-- Arguments after wrk's "--": the run's offset and the referrer's session token.
function init(args)
  offset = tonumber(args[1] or "0")
  token = args[2] or ""
end

local function word(n)
  local s = ""
  for _ = 1, 7 do
    local k = n % 26
    s = s .. letters:sub(k + 1, k + 1)
    n = math.floor(n / 26)
  end
  return s:sub(1, 1):upper() .. s:sub(2)
end

request = function()
  counter = counter + 1
  local n = offset + thread_id * 1000003 + counter * 7919
  local body = string.format(
    '{"young_person":{"given_name":"%s","family_name":"%s","date_of_birth":"%04d-%02d-%02d","postcode":"%s"},'
      .. '"caring_summary":"Helps with medication and shopping","cared_for":[{"relationship":"parent",'
      .. '"conditions":["mental_ill_health"],"lives_with_young_carer":true,"known_to_adult_social_care":false}],'
      .. '"young_person_aware":true,"parent_aware":true}',
    given[n % #given + 1], word(n), 2010 + n % 8, 1 + math.floor(n / 8) % 12, 1 + math.floor(n / 96) % 28,
    postcodes[n % #postcodes + 1])
  return wrk.format("POST", "/api/v1/referrals", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
