-- wrk script for bench/load-test.sh: every request carries new snapshotIds (a replay would measure
-- nothing), 3 positions each, balances spread so that healthy, margin-call and stop-out verdicts mix.
-- Arguments (after --): mode (single|batch), batch size, max requests per thread, run id.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- Globals: the main thread reads them from each thread in done().
mode, batch_size, max_requests, run_id = "single", 1000, 1000000, "run"
n = 0
verdicts = 0
failures = 0

function init(args)
  mode = args[1] or "single"
  batch_size = tonumber(args[2] or "1000")
  max_requests = tonumber(args[3] or "1000000")
  run_id = args[4] or tostring(os.time())
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local positions = [=[[{"positionId":"p1","symbol":"EURUSD","assetClass":"FX_MAJOR","side":"LONG","quantity":"0.10","contractSize":"100000","openPrice":"1.1000","markPrice":"1.0850","leverage":"30","swap":"-1.20","fees":"0","openedAt":"2026-11-20T09:00:00Z"},{"positionId":"p2","symbol":"GBPUSD","assetClass":"FX_MAJOR","side":"SHORT","quantity":"0.05","contractSize":"100000","openPrice":"1.2500","markPrice":"1.2400","leverage":"30","swap":"-0.40","fees":"0","openedAt":"2026-11-20T10:00:00Z"},{"positionId":"p3","symbol":"DE40","assetClass":"INDEX_MAJOR","side":"LONG","quantity":"1","contractSize":"1","openPrice":"18000","markPrice":"17800","leverage":"20","swap":"0","fees":"0","openedAt":"2026-11-20T11:00:00Z"}]]=]

local function snapshot(i)
  local balance = 400 + (i % 12) * 150
  return '{"snapshotId":"load-' .. run_id .. '-' .. tid .. '-' .. i .. '","accountId":"A-' .. (i % 5000)
    .. '","brokerId":"acme-fx","accountType":"standard","kycTier":"FULL","jurisdiction":"EU","clientCategory":"RETAIL",'
    .. '"currency":"USD","accountOpenedAt":"2025-01-10T00:00:00Z","asOf":"2026-11-21T14:03:11Z","balance":"'
    .. balance .. '.00","positions":' .. positions .. '}'
end

function request()
  n = n + 1
  if mode == "batch" then
    local parts = {}
    for k = 1, batch_size do
      parts[k] = snapshot(n * batch_size + k)
    end
    return wrk.format("POST", "/api/v1/evaluations/batch", nil, "[" .. table.concat(parts, ",") .. "]")
  end
  return wrk.format("POST", "/api/v1/evaluations", nil, snapshot(n))
end

function response(status, headers, body)
  if mode == "batch" and status == 200 then
    verdicts = verdicts + batch_size
  elseif mode == "single" and status == 201 then
    verdicts = verdicts + 1
  else
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected answer " .. status .. ": " .. string.sub(body, 1, 300) .. "\n") end
  end
  if n >= max_requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total, failed = 0, 0
  local mode = threads[1] and threads[1]:get("mode") or "?"
  for _, t in ipairs(threads) do
    total = total + (t:get("verdicts") or 0)
    failed = failed + (t:get("failures") or 0)
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT mode=%s requests=%d failed=%d seconds=%.1f verdicts_stored=%d verdicts_per_s=%.0f"
    .. " latency_ms p50=%.2f p90=%.2f p99=%.2f max=%.2f\n",
    mode, summary.requests, failed, seconds, total, total / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
