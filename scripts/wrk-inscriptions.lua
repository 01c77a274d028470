-- wrk script: each request is a new registration with its own UUID v4.
-- Usage: SESSION=<atelier> wrk -s scripts/wrk-inscriptions.lua ...
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + thread_id * 7919)
  session = os.getenv("SESSION") or "charge"
end

local function uuid()
  local template = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (template:gsub("[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

request = function()
  local body = string.format(
    '{"id":"%s","session_id":"%s","prenom":"Jeanne","nom":"Dupont","telephone":"0612345678","places":1,"consentement":true}',
    uuid(), session)
  return wrk.format("POST", "/api/inscriptions", { ["Content-Type"] = "application/json" }, body)
end
