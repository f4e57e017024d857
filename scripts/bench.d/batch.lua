-- wrk: POST /v1/checks/batch with 1,000 random uses of the synthetic registry per request (the
-- shape of check.lua's uses). Each thread builds 20 such requests once in init() and cycles
-- through them. Checks per second = requests per second x 1,000.
local key = os.getenv("LIKENESS_KEY")
local performers = tonumber(os.getenv("BENCH_PERFORMERS") or "100000")
local uses = {"replica", "new-performance", "alteration", "training", "synthetic"}
local dests = {"temporary", "final", "marketing"}
local aspects = {'["face"]', '["voice"]', '["face","voice"]', '["face","body","voice"]'}
local territories = {',"territory":"DE"', ',"territory":"US"', ''}

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", 141 + threads)
end

local requests = {}
local next_request = 1

function init(args)
  math.randomseed(seed or 142)
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}
  for n = 1, 20 do
    local items = {}
    for k = 1, 1000 do
      local i = math.random(0, performers - 1)
      items[k] = string.format(
        '{"production":"prod-%d","performer":"p-%d","use":"%s","aspects":%s,"destination":"%s"%s,"tool":"t-vault","at":"2026-05-01"}',
        i % 1000, i, uses[math.random(#uses)], aspects[math.random(#aspects)], dests[math.random(#dests)],
        territories[math.random(#territories)])
    end
    requests[n] = wrk.format("POST", "/v1/checks/batch", headers, '{"uses":[' .. table.concat(items, ",") .. ']}')
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
