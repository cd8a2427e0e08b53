-- wrk script of the web benchmark: page loads of a buyer who has not been here before. Each
-- connection requests the files of one page load in turn (PAGE_FILES, comma-separated: the page,
-- then the scripts and styles it names), gzip accepted as a browser does. PAGE_DELAY_MS > 0
-- paces each connection (wrk waits that long before each request), so that a number of
-- connections makes a steady rate instead of as many as the edge can serve.
-- Prints one machine-readable RESULT line when done.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- The page's files; done() runs in the main script, where init() never ran, so both read them.
local function page_files()
  local list = {}
  for file in string.gmatch(os.getenv("PAGE_FILES") or "/", "[^,]+") do
    list[#list + 1] = file
  end
  return list
end

function init(args)
  files = page_files()
  pause = tonumber(os.getenv("PAGE_DELAY_MS") or "0")
  counter = id
  ok, other, bytes = 0, 0, 0
end

function delay()
  return pause
end

function request()
  counter = counter + 1
  return wrk.format("GET", files[(counter % #files) + 1], { ["Accept-Encoding"] = "gzip" })
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    bytes = bytes + #body
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local o, x, b = 0, 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    x = x + t:get("other")
    b = b + t:get("bytes")
  end
  local seconds = summary.duration / 1e6
  local per_page = #page_files()
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f pages=%.0f p50=%.2f p99=%.2f p999=%.2f "
      .. "ok=%d other=%d bytes=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    summary.requests / seconds / per_page, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, o, x, b,
    e.connect + e.read + e.write + e.timeout))
end
