-- wrk script of the web benchmark: page loads. Each connection requests the files of one page
-- load in turn (PAGE_FILES, comma-separated: the page, then the scripts and styles it names),
-- gzip accepted as a browser does; PAGE_ETAG, when set, is sent as If-None-Match, as a
-- returning browser revalidates the page it has (the hashed files it keeps for a year asks
-- nothing). The requests are built once and no Lua runs per answer, so the load generator
-- costs the shared cores as little as wrk can.
-- Prints one machine-readable RESULT line when done.

-- The page's files; done() runs in the main script, where init() never ran, so both read them.
local function page_files()
  local list = {}
  for file in string.gmatch(os.getenv("PAGE_FILES") or "/", "[^,]+") do
    list[#list + 1] = file
  end
  return list
end

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("first", counter)
end

function init(args)
  local headers = { ["Accept-Encoding"] = "gzip" }
  local etag = os.getenv("PAGE_ETAG")
  if etag and etag ~= "" then
    headers["If-None-Match"] = etag
  end
  requests = {}
  for i, file in ipairs(page_files()) do
    requests[i] = wrk.format("GET", file, headers)
  end
  next_request = first
end

function request()
  next_request = next_request + 1
  return requests[(next_request % #requests) + 1]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f pages=%.0f p50=%.2f p99=%.2f p999=%.2f "
      .. "other=%d bytes=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    summary.requests / seconds / #page_files(), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, e.status, summary.bytes,
    e.connect + e.read + e.write + e.timeout))
end
