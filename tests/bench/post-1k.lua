-- wrk: POST a 1 KiB JSON body, like a typical webhook delivery.
local pad = string.rep("x", 1024 - 60)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Webhook-Event"] = "payment.succeeded"
wrk.body = '{"id":"evt_0000000001","type":"payment.succeeded","pad":"' .. pad .. '"}'
