-- wrk script of the check-in benchmark: every request is a scan (POST /v1/checkins) at the
-- list LIST_ID by the next scanner of TOKENS_FILE. Each thread scans its own share of the codes
-- of CODES_FILE (every THREADS-th, from its own offset); every DUP_EVERY-th request scans again
-- a code this thread admitted before (a double scan, answered 409), the others a fresh code
-- (answered 200). A thread out of fresh codes counts it in `exhausted` and scans again.
-- Prints one machine-readable RESULT line when done.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local count = tonumber(os.getenv("THREADS") or "1")
  codes = {}
  local n = 0
  for line in io.lines(os.getenv("CODES_FILE")) do
    if n % count == id then
      codes[#codes + 1] = line
    end
    n = n + 1
  end
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  list = os.getenv("LIST_ID")
  dup_every = tonumber(os.getenv("DUP_EVERY") or "4")
  counter, fresh = 0, 0
  admitted, duplicates, other, exhausted = 0, 0, 0, 0
end

function request()
  counter = counter + 1
  local code
  if fresh > 0 and (counter % dup_every == 0 or fresh >= #codes) then
    if fresh >= #codes and counter % dup_every ~= 0 then
      exhausted = exhausted + 1
    end
    code = codes[((counter * 7919) % fresh) + 1]
  else
    fresh = fresh + 1
    code = codes[fresh]
  end
  return wrk.format("POST", "/v1/checkins", {
    ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1],
    ["Content-Type"] = "application/json"
  }, '{"code":"' .. code .. '","listId":"' .. list .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    admitted = admitted + 1
  elseif status == 409 then
    duplicates = duplicates + 1
  else
    other = other + 1
    if first_other == nil then
      first_other = status .. ":" .. string.sub(body or "", 1, 120):gsub("%s", "_")
    end
  end
end

function done(summary, latency, requests)
  local a, d, o, x = 0, 0, 0, 0
  local first = "none"
  for _, t in ipairs(threads) do
    a = a + t:get("admitted")
    d = d + t:get("duplicates")
    o = o + t:get("other")
    x = x + t:get("exhausted")
    if t:get("first_other") then
      first = t:get("first_other")
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f p50=%.2f p99=%.2f p999=%.2f max=%.2f "
      .. "admitted=%d duplicates=%d other=%d exhausted=%d socket_errors=%d first_other=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, a, d, o, x,
    e.connect + e.read + e.write + e.timeout, first))
end
