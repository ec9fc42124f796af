// Command header-authorization is the Proxy-Wasm plugin of the Alibaba Cloud ASM
// "write a Wasm plugin in Go" tutorial: a request passes only when its `allow`
// header is exactly "true"; every other request is answered 403 by the proxy.
package main

import (
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm"
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm/types"
)

const (
	allowHeader   = "allow"
	forbiddenBody = "Forbidden by ASM Wasm Plugin"
)

// A c-shared (reactor) module never runs main, so the plugin registers here.
func init() {
	proxywasm.SetHttpContext(func(uint32) types.HttpContext { return &authorizer{} })
}

func main() {}

// authorizer decides each HTTP stream on its request headers alone.
type authorizer struct {
	types.DefaultHttpContext
}

func (*authorizer) OnHttpRequestHeaders(int, bool) types.Action {
	// A missing header reads as "" and is refused like any other value.
	value, _ := proxywasm.GetHttpRequestHeader(allowHeader)
	if debugEnabled() {
		proxywasm.LogDebugf("request header: '%s' is %s, only true can passthrough", allowHeader, value)
	}
	if value == "true" {
		return types.ActionContinue
	}
	if err := proxywasm.SendHttpResponse(403, nil, []byte(forbiddenBody), -1); err != nil {
		proxywasm.LogErrorf("failed to send the 403 response: %v", err)
	}
	return types.ActionPause
}

// The SDK formats a message before it hands it to proxy_log, whatever the proxy's log level.
// Asking the proxy first keeps the formatting off the request path while debug logging is off:
// on wasmgate that formatting was over half of this plugin's cost per request (BENCHMARKS.md).
// A proxy that cannot answer gets the line, as before.
func debugEnabled() bool {
	var level uint32
	return proxyGetLogLevel(&level) != 0 || level <= logLevelDebug
}

// Proxy-Wasm log levels: trace 0, debug 1, info 2, ...
const logLevelDebug = 1

//go:wasmimport env proxy_get_log_level
func proxyGetLogLevel(level *uint32) uint32
