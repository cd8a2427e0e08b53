-- wrk script of the seats benchmark: holds of 2, 3 and 4 tickets in turn, best available side
-- by side (MODE=best: {"section":..,"quantity":..,"together":true}) or general admission
-- (MODE=ga: {"section":..,"quantity":..}), by the next buyer of TOKENS_FILE, each with its own
-- Idempotency-Key, over the sections of SECTIONS (comma-separated) in turn.
--
-- A drop sells one event at a time, so all connections hold in the first event of EVENTS_FILE
-- (one ID a line) until it is used up, then move to the next: a section that answers 409
-- (sold-out, no-adjacent-seats) leaves the rotation, and when every section has, the next
-- event starts. So a run keeps measuring holds, not refusals, while each event is sold the way
-- a real one is, from empty to (nearly) full. A refusal names its event in the problem's
-- "instance" (/v1/events/{id}/holds): one that was in flight when the run moved on is counted
-- but retires nothing. If the events run out, every later request is refused and the RESULT
-- line says exhausted=1.
--
-- Prints one machine-readable RESULT line: granted holds (201) and their tickets apart from
-- refusals (409).

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function split(s)
  local out = {}
  for part in string.gmatch(s or "", "[^,%s]+") do
    out[#out + 1] = part
  end
  return out
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  events = {}
  for line in io.lines(os.getenv("EVENTS_FILE")) do
    if line ~= "" then
      events[#events + 1] = line
    end
  end
  sections = split(os.getenv("SECTIONS") or "GA")
  local quantities = split(os.getenv("QUANTITIES") or "2,3,4")
  local together = (os.getenv("MODE") or "best") == "best"
  run = os.getenv("RUN_ID") or tostring(os.time())
  -- Bodies prepared once: bodies[section][k] for quantities[k].
  bodies = {}
  for _, s in ipairs(sections) do
    bodies[s] = {}
    for k, q in ipairs(quantities) do
      bodies[s][k] = '{"section":"' .. s .. '","quantity":' .. q
        .. (together and ',"together":true}' or '}')
    end
  end
  nq = #quantities
  event = 1
  live = {}
  for i, s in ipairs(sections) do live[i] = s end
  path = "/v1/events/" .. events[event] .. "/holds"
  counter = 0
  ok, soldout, noadjacent, refused, other, tickets = 0, 0, 0, 0, 0, 0
  events_used, exhausted, first_other = 1, 0, ""
end

-- Takes a section out of the current event's rotation; moves on when none is left.
local function retire(section)
  for i, s in ipairs(live) do
    if s == section then
      table.remove(live, i)
      break
    end
  end
  if #live == 0 then
    if event < #events then
      event = event + 1
      events_used = event
      for i, s in ipairs(sections) do live[i] = s end
      path = "/v1/events/" .. events[event] .. "/holds"
    else
      exhausted = 1
      for i, s in ipairs(sections) do live[i] = s end
    end
  end
end

function request()
  counter = counter + 1
  local token = tokens[((counter * 7 + id * 7919) % #tokens) + 1]
  local section = live[(counter % #live) + 1]
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = run .. "-" .. id .. "-" .. counter,
    ["Content-Type"] = "application/json"
  }, bodies[section][(counter % nq) + 1])
end

function response(status, headers, body)
  if status == 201 then
    ok = ok + 1
    tickets = tickets + tonumber(string.match(body, '"quantity":(%d+)') or "0")
    return
  end
  if status == 409 then
    if string.find(body, "no-adjacent-seats", 1, true) then
      noadjacent = noadjacent + 1
    elseif string.find(body, "sold-out", 1, true) then
      soldout = soldout + 1
    else
      refused = refused + 1
    end
    -- Reserved refusals name the section in "sectionId"; general admission in the detail.
    local section = string.match(body, '"sectionId":"([^"]+)"')
      or string.match(body, "in section ([%w_]+)")
    if section and string.find(body, path, 1, true) then
      retire(section)
    end
    return
  end
  other = other + 1
  if first_other == "" then
    first_other = tostring(status)
  end
end

function done(summary, latency, requests)
  local o, s, n, r, x, used, ex, tk = 0, 0, 0, 0, 0, 0, 0, 0
  local first = ""
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    s = s + t:get("soldout")
    n = n + t:get("noadjacent")
    r = r + t:get("refused")
    x = x + t:get("other")
    tk = tk + t:get("tickets")
    used = math.max(used, t:get("events_used"))
    ex = math.max(ex, t:get("exhausted"))
    if first == "" then first = t:get("first_other") end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f granted_rps=%.0f p50=%.2f p99=%.2f p999=%.2f "
      .. "max=%.2f ok=%d tickets=%d soldout=%d noadjacent=%d refused=%d other=%d first_other=%s "
      .. "events_used=%d exhausted=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, o / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, o, tk, s, n, r, x,
    first == "" and "-" or first, used, ex, e.connect + e.read + e.write + e.timeout))
end
