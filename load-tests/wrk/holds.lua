-- wrk script of the benchmark: every request is a hold of one ticket, by the next buyer of the
-- token file (TOKENS_FILE), with its own Idempotency-Key, on HOLD_PATH, in the event's sections
-- in turn (SECTIONS: GA, GA2, ...). The ceiling server is
-- driven by the very same script, so both runs pay the same client-side cost.
-- PAGE_SHARE > 0 mixes page loads of the web app into the same connections (scripts/bench-web):
-- that many requests of PAGE_FILES (comma-separated, taken in turn, gzip accepted, PAGE_ETAG
-- sent as If-None-Match when set, as a returning browser does) per hold, so that one load
-- generator drives both and adds as little of its own CPU as it can.
-- Prints one machine-readable RESULT line when done: rps counts the holds alone, page_rps the
-- requests of pages (answered 200 or 304; a hold never answers either).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local file = os.getenv("TOKENS_FILE")
  if file then
    for line in io.lines(file) do
      tokens[#tokens + 1] = line
    end
  end
  if #tokens == 0 then
    tokens[1] = "none"
  end
  path = os.getenv("HOLD_PATH") or "/v1/holds"
  run = os.getenv("RUN_ID") or tostring(os.time())
  -- Sections GA, GA2, ... (SECTIONS of them), taken in turn.
  local sections = tonumber(os.getenv("SECTIONS") or "1")
  bodies = {}
  for i = 1, sections do
    local name = i == 1 and "GA" or ("GA" .. i)
    bodies[i] = '{"section":"' .. name .. '","quantity":1}'
  end
  counter = 0
  ok, soldout, other, page_requests = 0, 0, 0, 0
  share = tonumber(os.getenv("PAGE_SHARE") or "0")
  credit = 0
  pages = {}
  local page_headers = { ["Accept-Encoding"] = "gzip" }
  local etag = os.getenv("PAGE_ETAG")
  if etag and etag ~= "" then
    page_headers["If-None-Match"] = etag
  end
  for file in string.gmatch(os.getenv("PAGE_FILES") or "/", "[^,]+") do
    pages[#pages + 1] = wrk.format("GET", file, page_headers)
  end
  next_page = 0
end

function request()
  -- A page request whenever the holds have earned one: PAGE_SHARE of them per hold.
  if credit >= 1 then
    credit = credit - 1
    next_page = next_page + 1
    return pages[(next_page % #pages) + 1]
  end
  credit = credit + share
  counter = counter + 1
  local token = tokens[((counter * 7 + id * 7919) % #tokens) + 1]
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. counter,
    ["Content-Type"] = "application/json"
  }, bodies[(counter % #bodies) + 1])
end

function response(status, headers, response_body)
  if status == 201 then
    ok = ok + 1
  elseif status == 409 then
    soldout = soldout + 1
  elseif status == 200 or status == 304 then
    page_requests = page_requests + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, s, x, p = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    s = s + t:get("soldout")
    x = x + t:get("other")
    p = p + t:get("page_requests")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f page_rps=%.0f p50=%.2f p99=%.2f p999=%.2f "
      .. "max=%.2f ok=%d soldout=%d other=%d socket_errors=%d\n",
    summary.requests, seconds, (summary.requests - p) / seconds, p / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, o, s, x,
    e.connect + e.read + e.write + e.timeout))
end
