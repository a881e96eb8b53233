-- wrk script for the wallet service. SCENARIO (env) picks the request: topup, bank, wallet, history, hot (bank
-- transfers from one payer: the same database work as the ceiling's hot variant), hotwallet (wallet transfers from
-- one payer to random payees: two locked rows each), hotpayee (wallet transfers from random payers to one payee).
-- Sessions come from $SESSIONS: one line per logged-in user, "access_cookie csrf account_number".
local scenario = os.getenv("SCENARIO") or "topup"
local sessions = {}
local counter = 0

local function load()
  for line in io.lines(os.getenv("SESSIONS")) do
    local cookie, csrf, account = line:match("(%S+) (%S+) (%S+)")
    sessions[#sessions + 1] = { cookie = cookie, csrf = csrf, account = account }
  end
end

function init(args)
  load()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

local function headers(s)
  counter = counter + 1
  return {
    ["Cookie"] = "access_token_cookie=" .. s.cookie,
    ["X-CSRF-TOKEN"] = s.csrf,
    ["Content-Type"] = "application/json",
    ["location"] = "bench",
    ["ip-address"] = "127.0.0.1",
    ["Idempotency-Key"] = string.format("%d-%d-%d", os.time(), math.random(1, 1e9), counter),
  }
end

function request()
  local hot = scenario == "hot" or scenario == "hotwallet"
  local payer = hot and sessions[1] or sessions[math.random(#sessions)]
  if scenario == "hotpayee" then
    payer = sessions[math.random(2, #sessions)]
    return wrk.format("POST", "/api/transfer", headers(payer), '{"amount":1,"account":"' .. sessions[1].account .. '"}')
  end
  if scenario == "history" then
    return wrk.format("GET", "/api/transactions?limit=20", { ["Cookie"] = "access_token_cookie=" .. payer.cookie })
  elseif scenario == "topup" then
    return wrk.format("POST", "/api/topup", headers(payer), '{"amount":1}')
  elseif scenario == "bank" or scenario == "hot" then
    return wrk.format("POST", "/api/transfer", headers(payer), '{"amount":1,"code":"bni"}')
  else
    local payee = payer
    while payee == payer do payee = sessions[math.random(#sessions)] end
    return wrk.format("POST", "/api/transfer", headers(payer), '{"amount":1,"account":"' .. payee.account .. '"}')
  end
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, non2xx))
end
