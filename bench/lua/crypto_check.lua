-- luajit bench/lua/crypto_check.lua : compares the Lua signatures with openssl's.
package.path = (arg[0]:match("(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("crypto")
local function sh(cmd) local p = io.popen(cmd); local r = p:read("*a"); p:close(); return (r:gsub("%s+$", "")) end
local cases = { "", "abc", string.rep("a", 55), string.rep("b", 56), string.rep("x", 200) .. "Olá", '{"object":"page"}' }
local failures = 0
for _, m in ipairs(cases) do
  local f = io.open("/tmp/crypto_check.txt", "wb"); f:write(m); f:close()
  local want256 = sh("openssl dgst -sha256 -hmac secret-key /tmp/crypto_check.txt | sed 's/^.* //'")
  local want1 = sh("openssl dgst -sha1 -hmac dev-twilio-auth-token -binary /tmp/crypto_check.txt | base64")
  local got256 = c.hex(c.hmac(c.sha256, "secret-key", m))
  local got1 = c.base64(c.hmac(c.sha1, "dev-twilio-auth-token", m))
  if got256 ~= want256 or got1 ~= want1 then
    failures = failures + 1
    print("MISMATCH for #" .. #m, got256, want256, got1, want1)
  end
end
-- RFC 4231 test case 2 and Twilio's published example
assert(c.hex(c.hmac(c.sha256, "Jefe", "what do ya want for nothing?")) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
assert(c.base64(c.hmac(c.sha1, "12345", "https://example.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675310Digits1234From+14158675310To+18005551212")) == "L/OH5YylLD5NRKLltdqwSvS0BnU=")
print(failures == 0 and "crypto ok" or "crypto FAILED")
os.exit(failures == 0 and 0 or 1)
