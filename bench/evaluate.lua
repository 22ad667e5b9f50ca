-- wrk script for bench/load-test.sh: every request carries new snapshotIds (a replay would measure
-- nothing), 1-10 positions each, balances spread so that healthy, margin-call and stop-out verdicts mix.
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

-- Ten positions (FX, indices, gold, equities); snapshot i carries the first 1 + (i % 10) of them.
local templates = {
  {"EURUSD", "FX_MAJOR", "LONG", "0.10", "100000", "1.1000", "1.0850", "30"},
  {"GBPUSD", "FX_MAJOR", "SHORT", "0.05", "100000", "1.2500", "1.2400", "30"},
  {"DE40", "INDEX_MAJOR", "LONG", "1", "1", "18000", "17800", "20"},
  {"USDJPY", "FX_MAJOR", "LONG", "0.02", "100000", "150.00", "149.20", "30"},
  {"XAUUSD", "GOLD", "SHORT", "0.01", "100", "2400.00", "2410.50", "20"},
  {"AUDCAD", "FX_MINOR", "LONG", "0.03", "100000", "0.9100", "0.9080", "20"},
  {"US500", "INDEX_MAJOR", "SHORT", "0.5", "1", "5200", "5180", "20"},
  {"AAPL", "EQUITY", "LONG", "2", "1", "190.00", "187.50", "5"},
  {"EURGBP", "FX_MINOR", "SHORT", "0.04", "100000", "0.8600", "0.8610", "20"},
  {"JP225", "INDEX_MINOR", "LONG", "0.2", "1", "38000", "37900", "10"},
}

local function positions(count)
  local parts = {}
  for k = 1, count do
    local t = templates[k]
    parts[k] = '{"positionId":"p' .. k .. '","symbol":"' .. t[1] .. '","assetClass":"' .. t[2] .. '","side":"' .. t[3]
      .. '","quantity":"' .. t[4] .. '","contractSize":"' .. t[5] .. '","openPrice":"' .. t[6] .. '","markPrice":"' .. t[7]
      .. '","leverage":"' .. t[8] .. '","swap":"-0.40","fees":"0","openedAt":"2026-11-20T09:00:00Z"}'
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

local function snapshot(i)
  local balance = 400 + (i % 12) * 150
  return '{"snapshotId":"load-' .. run_id .. '-' .. tid .. '-' .. i .. '","accountId":"A-' .. (i % 5000)
    .. '","brokerId":"acme-fx","accountType":"standard","kycTier":"FULL","jurisdiction":"EU","clientCategory":"RETAIL",'
    .. '"currency":"USD","accountOpenedAt":"2025-01-10T00:00:00Z","asOf":"2026-11-21T14:03:11Z","balance":"'
    .. balance .. '.00","positions":' .. positions(1 + i % 10) .. '}'
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
