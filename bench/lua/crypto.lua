-- SHA-256, SHA-1, HMAC, hex and Base64 in plain LuaJIT (wrk's Lua), so each request can be signed as the
-- platforms sign them: Meta's X-Hub-Signature-256 (hex HMAC-SHA256) and Twilio's X-Twilio-Signature
-- (Base64 HMAC-SHA1). Checked against openssl by bench/lua/crypto_check.lua.
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rshift, lshift, ror, rol, tobit = bit.rshift, bit.lshift, bit.ror, bit.rol, bit.tobit
local char, byte, format, concat = string.char, string.byte, string.format, table.concat

local M = {}

local function u32_be(n)
  return char(band(rshift(n, 24), 255), band(rshift(n, 16), 255), band(rshift(n, 8), 255), band(n, 255))
end

-- Pads a message as SHA-1 and SHA-2 do: 0x80, zeros, then the bit length as 64-bit big-endian.
local function pad(msg)
  local len = #msg
  local zeros = (55 - len) % 64
  local bits = len * 8
  local hi = math.floor(bits / 4294967296)
  local lo = bits % 4294967296
  return msg .. "\128" .. string.rep("\0", zeros) .. u32_be(hi) .. u32_be(lo)
end

local function word(s, i)
  local a, b, c, d = byte(s, i, i + 3)
  return tobit(bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d))
end

local K256 = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

function M.sha256(msg)
  msg = pad(msg)
  local h0, h1, h2, h3 = 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a
  local h4, h5, h6, h7 = 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  local w = {}
  for chunk = 1, #msg, 64 do
    for i = 0, 15 do
      w[i] = word(msg, chunk + i * 4)
    end
    for i = 16, 63 do
      local x, y = w[i - 15], w[i - 2]
      local s0 = bxor(ror(x, 7), ror(x, 18), rshift(x, 3))
      local s1 = bxor(ror(y, 17), ror(y, 19), rshift(y, 10))
      w[i] = tobit(w[i - 16] + s0 + w[i - 7] + s1)
    end
    local a, b, c, d, e, f, g, h = h0, h1, h2, h3, h4, h5, h6, h7
    for i = 0, 63 do
      local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
      local ch = bxor(band(e, f), band(bnot(e), g))
      local t1 = tobit(h + S1 + ch + K256[i + 1] + w[i])
      local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
      local maj = bxor(band(a, b), band(a, c), band(b, c))
      local t2 = tobit(S0 + maj)
      h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
    end
    h0, h1, h2, h3 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d)
    h4, h5, h6, h7 = tobit(h4 + e), tobit(h5 + f), tobit(h6 + g), tobit(h7 + h)
  end
  return u32_be(h0) .. u32_be(h1) .. u32_be(h2) .. u32_be(h3) .. u32_be(h4) .. u32_be(h5) .. u32_be(h6) .. u32_be(h7)
end

function M.sha1(msg)
  msg = pad(msg)
  local h0, h1, h2, h3, h4 = 0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0
  local w = {}
  for chunk = 1, #msg, 64 do
    for i = 0, 15 do
      w[i] = word(msg, chunk + i * 4)
    end
    for i = 16, 79 do
      w[i] = rol(bxor(w[i - 3], w[i - 8], w[i - 14], w[i - 16]), 1)
    end
    local a, b, c, d, e = h0, h1, h2, h3, h4
    for i = 0, 79 do
      local f, k
      if i < 20 then
        f, k = bor(band(b, c), band(bnot(b), d)), 0x5A827999
      elseif i < 40 then
        f, k = bxor(b, c, d), 0x6ED9EBA1
      elseif i < 60 then
        f, k = bor(band(b, c), band(b, d), band(c, d)), 0x8F1BBCDC
      else
        f, k = bxor(b, c, d), 0xCA62C1D6
      end
      local t = tobit(rol(a, 5) + f + e + k + w[i])
      e, d, c, b, a = d, c, rol(b, 30), a, t
    end
    h0, h1, h2, h3, h4 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d), tobit(h4 + e)
  end
  return u32_be(h0) .. u32_be(h1) .. u32_be(h2) .. u32_be(h3) .. u32_be(h4)
end

local function xor_key(key, value)
  local out = {}
  for i = 1, 64 do
    out[i] = char(bxor(byte(key, i), value))
  end
  return concat(out)
end

-- HMAC (RFC 2104) over a 64-byte-block hash.
function M.hmac(hash, key, msg)
  if #key > 64 then
    key = hash(key)
  end
  key = key .. string.rep("\0", 64 - #key)
  return hash(xor_key(key, 0x5c) .. hash(xor_key(key, 0x36) .. msg))
end

function M.hex(s)
  return (s:gsub(".", function(c) return format("%02x", byte(c)) end))
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
function M.base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = byte(s, i, i + 2)
    local n = lshift(a, 16) + lshift(b or 0, 8) + (c or 0)
    local c1 = band(rshift(n, 18), 63) + 1
    local c2 = band(rshift(n, 12), 63) + 1
    local c3 = band(rshift(n, 6), 63) + 1
    local c4 = band(n, 63) + 1
    out[#out + 1] = B64:sub(c1, c1) .. B64:sub(c2, c2)
      .. (b and B64:sub(c3, c3) or "=") .. (c and B64:sub(c4, c4) or "=")
  end
  return concat(out)
end

-- application/x-www-form-urlencoded value encoding.
function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return format("%%%02X", byte(c)) end))
end

return M
