-- wrk script: signed webhooks as the platforms send them, each with a unique message id and one of many
-- customers, for one channel (CHANNEL=whatsapp|messenger|instagram, or baseline for the same load on a bare
-- endpoint). Counts answers by status and prints one JSON line of results at the end.
--   CHANNEL, SECRET, SENDERS (distinct customers), RUN_ID (keeps ids unique across runs), PUBLIC_URL (Twilio signs it)
package.path = (debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./") .. "?.lua;" .. package.path
local crypto = require("crypto")
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]

local channel = os.getenv("CHANNEL") or "messenger"
local secret = os.getenv("SECRET") or "bench-secret"
local senders = tonumber(os.getenv("SENDERS") or "2000")
local run_id = os.getenv("RUN_ID") or tostring(os.time())
local public_url = os.getenv("PUBLIC_URL") or "http://127.0.0.1:8080/webhooks/whatsapp"

local threads = {}
local thread_counter = 0

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("thread_id", thread_counter)
  table.insert(threads, thread)
end

local counter = 0
statuses = {} -- global: done() reads it from each thread with thread:get
local tv = ffi.new("bench_timeval")

local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

function init(args)
  statuses = {}
end

local function meta_body(object, business, customer, mid, text)
  return '{"object":"' .. object .. '","entry":[{"id":"' .. business .. '","time":' .. now_ms()
    .. ',"messaging":[{"sender":{"id":"' .. customer .. '"},"recipient":{"id":"' .. business .. '"},"timestamp":'
    .. now_ms() .. ',"message":{"mid":"' .. mid .. '","text":"' .. text .. '"}}]}]}'
end

function request()
  counter = counter + 1
  local n = thread_id * 100000000 + counter
  local customer = n % senders
  local id = run_id .. "-" .. thread_id .. "-" .. counter
  -- The bot quotes what it did not understand, so the timestamp comes back in its answer and the stub can measure
  -- acknowledgement-to-reply lag.
  local text = "t=" .. now_ms()
  if channel == "whatsapp" then
    local params = {
      Body = text,
      From = "whatsapp:+5511" .. string.format("%09d", customer),
      MessageSid = "SM" .. string.format("%032s", id):gsub(" ", "0"),
      ProfileName = "Cliente " .. customer,
      To = "whatsapp:+14155238886",
    }
    local names = { "Body", "From", "MessageSid", "ProfileName", "To" }
    local signed, form = { public_url }, {}
    for _, name in ipairs(names) do
      signed[#signed + 1] = name .. params[name]
      form[#form + 1] = name .. "=" .. crypto.urlencode(params[name])
    end
    local signature = crypto.base64(crypto.hmac(crypto.sha1, secret, table.concat(signed)))
    return wrk.format("POST", "/webhooks/whatsapp",
      { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = signature },
      table.concat(form, "&"))
  end
  local object = channel == "instagram" and "instagram" or "page"
  -- Meta's ids are strings of digits (the app refuses anything else with 400).
  local business = channel == "instagram" and "900000000000003" or "900000000000001"
  local body = meta_body(object, business, string.format("9000%011d", customer), "m_" .. id, text)
  local signature = "sha256=" .. crypto.hex(crypto.hmac(crypto.sha256, secret, body))
  local path = channel == "baseline" and "/webhooks/bench-baseline" or ("/webhooks/" .. channel)
  return wrk.format("POST", path, { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = signature }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local by_status = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      by_status[tostring(status)] = (by_status[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(by_status) do
    parts[#parts + 1] = '"' .. status .. '":' .. count
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"statuses":{%s},'
      .. '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, table.concat(parts, ","),
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
