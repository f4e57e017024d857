-- wrk: POST /v1/checks with random performers of the synthetic registry, or with BENCH_BATCH=N,
-- POST /v1/checks/batch with N such uses per request.
-- As wrk's documentation advises for fast servers, each thread builds its requests once in
-- init() (20,000 of them, random performers and scopes; 20 batches) and request() only cycles
-- through them, so that the load generator spends its CPU on sending, not on formatting.
local key = os.getenv("LIKENESS_KEY")
local performers = tonumber(os.getenv("BENCH_PERFORMERS") or "100000")
local batch = tonumber(os.getenv("BENCH_BATCH") or "0")
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

local function use()
  local i = math.random(0, performers - 1)
  return string.format(
    '{"production":"prod-%d","performer":"p-%d","use":"%s","aspects":%s,"destination":"%s"%s,"tool":"t-vault","at":"2026-05-01"}',
    i % 1000, i, uses[math.random(#uses)], aspects[math.random(#aspects)], dests[math.random(#dests)],
    territories[math.random(#territories)])
end

function init(args)
  math.randomseed(seed or 42)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}
  if batch > 0 then
    for n = 1, 20 do
      local items = {}
      for k = 1, batch do items[k] = use() end
      requests[n] = wrk.format("POST", "/v1/checks/batch", headers, '{"uses":[' .. table.concat(items, ",") .. ']}')
    end
  else
    for n = 1, 20000 do requests[n] = wrk.format("POST", "/v1/checks", headers, use()) end
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
