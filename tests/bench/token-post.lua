-- wrk script: POST client credentials to the token endpoint, Basic-authenticated with an API key.
-- SIGNET_CLIENT_ID and SIGNET_CLIENT_SECRET come from the environment (server-bench.sh sets them).
local id = os.getenv("SIGNET_CLIENT_ID")
local secret = os.getenv("SIGNET_CLIENT_SECRET")

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local function base64(data)
    return ((data:gsub(".", function(x)
        local bits, byte = "", x:byte()
        for i = 8, 1, -1 do bits = bits .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
        return bits
    end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
        if #x < 6 then return "" end
        local c = 0
        for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
        return alphabet:sub(c + 1, c + 1)
    end) .. ({"", "==", "="})[#data % 3 + 1])
end

wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. base64(id .. ":" .. secret)

-- Any answer but 200 is counted, so a bench of errors cannot pass for a fast one.
local failures = 0
function response(status, headers, body)
    if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
    local non200 = summary.errors.status
    io.write(string.format("non-200 answers: %d\n", non200))
end
