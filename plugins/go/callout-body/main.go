// Command callout-body exercises HTTP callouts, bodies and trailers through the Go SDK:
// every request waits for GET /auth?token=<x-token> on the "auth" cluster (200 adds
// x-auth-user with the answer body and resumes; any other status is refused with 403;
// no response at all is 503), the request body is buffered and replaced by "go[" body "]",
// the response body is buffered and replaced by "go(" body ")", and response trailers get
// "x-go-trailer: yes".
package main

import (
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm"
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm/types"
)

const authCluster = "auth"

// A c-shared (reactor) module never runs main, so the plugin registers here.
func init() {
	proxywasm.SetHttpContext(func(uint32) types.HttpContext { return &stream{} })
}

func main() {}

type stream struct {
	types.DefaultHttpContext
}

func (*stream) OnHttpRequestHeaders(int, bool) types.Action {
	token, _ := proxywasm.GetHttpRequestHeader("x-token")
	headers := [][2]string{{":method", "GET"}, {":path", "/auth?token=" + token}, {":authority", "auth.local"}}
	if _, err := proxywasm.DispatchHttpCall(authCluster, headers, nil, nil, 2000, onAuthResponse); err != nil {
		proxywasm.LogErrorf("auth callout refused: %v", err)
		_ = proxywasm.SendHttpResponse(500, nil, []byte("callout refused"), -1)
	}
	return types.ActionPause
}

// onAuthResponse runs on the root context; the SDK makes the waiting stream effective first.
func onAuthResponse(numHeaders, bodySize, _ int) {
	if numHeaders == 0 {
		_ = proxywasm.SendHttpResponse(503, nil, []byte("callout failed"), -1)
		return
	}
	headers, _ := proxywasm.GetHttpCallResponseHeaders()
	status := ""
	for _, h := range headers {
		if h[0] == ":status" {
			status = h[1]
		}
	}
	if status != "200" {
		_ = proxywasm.SendHttpResponse(403, nil, []byte("denied by auth: "+status), -1)
		return
	}
	user, _ := proxywasm.GetHttpCallResponseBody(0, bodySize)
	_ = proxywasm.AddHttpRequestHeader("x-auth-user", string(user))
	_ = proxywasm.ResumeHttpRequest()
}

func (*stream) OnHttpRequestBody(bodySize int, endOfStream bool) types.Action {
	if !endOfStream {
		return types.ActionPause // buffer until the whole body is here
	}
	body, _ := proxywasm.GetHttpRequestBody(0, bodySize)
	_ = proxywasm.ReplaceHttpRequestBody([]byte("go[" + string(body) + "]"))
	return types.ActionContinue
}

func (*stream) OnHttpResponseBody(bodySize int, endOfStream bool) types.Action {
	if !endOfStream {
		return types.ActionPause
	}
	body, _ := proxywasm.GetHttpResponseBody(0, bodySize)
	_ = proxywasm.ReplaceHttpResponseBody([]byte("go(" + string(body) + ")"))
	return types.ActionContinue
}

func (*stream) OnHttpResponseTrailers(int) types.Action {
	_ = proxywasm.AddHttpResponseTrailer("x-go-trailer", "yes")
	return types.ActionContinue
}
