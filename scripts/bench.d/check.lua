-- wrk: POST /v1/checks with a random performer of the synthetic registry.
math.randomseed(42)
local key = os.getenv("LIKENESS_KEY")
local performers = tonumber(os.getenv("BENCH_PERFORMERS") or "100000")
local uses = {"replica", "new-performance", "alteration", "training", "synthetic"}
local dests = {"temporary", "final", "marketing"}
local aspects = {'["face"]', '["voice"]', '["face","voice"]', '["face","body","voice"]'}
local territories = {',"territory":"DE"', ',"territory":"US"', ''}
request = function()
  local i = math.random(0, performers - 1)
  local body = string.format(
    '{"production":"prod-%d","performer":"p-%d","use":"%s","aspects":%s,"destination":"%s"%s,"tool":"t-vault","at":"2026-05-01"}',
    i % 1000, i, uses[math.random(#uses)], aspects[math.random(#aspects)], dests[math.random(#dests)],
    territories[math.random(#territories)])
  return wrk.format("POST", "/v1/checks",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end
