-- wrk: POST /v1/checks with random performers of the synthetic registry.
-- As wrk's documentation advises for fast servers, each thread builds its requests once in
-- init() (20,000 of them, random performers and scopes) and request() only cycles through them,
-- so that the load generator spends its CPU on sending, not on formatting.
local key = os.getenv("LIKENESS_KEY")
local performers = tonumber(os.getenv("BENCH_PERFORMERS") or "100000")
local uses = {"replica", "new-performance", "alteration", "training", "synthetic"}
local dests = {"temporary", "final", "marketing"}
local aspects = {'["face"]', '["voice"]', '["face","voice"]', '["face","body","voice"]'}
local territories = {',"territory":"DE"', ',"territory":"US"', ''}

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", 41 + threads)
end

local requests = {}
local next_request = 1

function init(args)
  math.randomseed(seed or 42)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}
  for n = 1, 20000 do
    local i = math.random(0, performers - 1)
    local body = string.format(
      '{"production":"prod-%d","performer":"p-%d","use":"%s","aspects":%s,"destination":"%s"%s,"tool":"t-vault","at":"2026-05-01"}',
      i % 1000, i, uses[math.random(#uses)], aspects[math.random(#aspects)], dests[math.random(#dests)],
      territories[math.random(#territories)])
    requests[n] = wrk.format("POST", "/v1/checks", headers, body)
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
