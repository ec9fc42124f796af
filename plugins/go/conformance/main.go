// Command conformance is the Go half of the cross-language conformance suite. Each request picks
// a behaviour with header "x-mode", each doing what one proxy-wasm-go-sdk example documents for
// Envoy (written anew here), so that one loaded binary serves every test. pluginConfig:
// {"header": h, "value": v, "tick_ms": n, "cluster": c}, all optional.
//
//	headers      request header "test" replaced by "best", every request header logged as
//	             "request header --> k: v"; "x-remove-me" removed; with "x-set-pairs" the whole map is
//	             rewritten through set_header_map_pairs adding "x-pairs-set: yes". Response headers
//	             get "x-proxy-wasm-go-sdk-example: http_headers" and the configured header, each
//	             logged as "response header <-- k: v"; the stream end logs "<id> finished".
//	body         "buffer-operation: append|prepend|replace" (default replace) applied to the request
//	             body, or with "buffer-replace-at: response" to the response body; no content-length
//	             → 400 "content must be provided".
//	echo         answers 200 with the request body.
//	auth_random  the request's headers are sent to cluster c (default "httpbin"); an even FNV-1a
//	             32 hash of the answer body resumes the request, an odd one answers 403 "access
//	             forbidden" with "powered-by: proxy-wasm-go-sdk!!"; no answer → 503.
//	shared_data  adds 1 to the shared u64 "shared_data_key" (CAS retry loop), logs "shared value:
//	             <n>" and adds response header "x-shared-value: <n>".
//	queue        every root context registers queue "conformance" and on queue-ready dequeues each
//	             item into shared data "dequeued" ("dequeued data: <item>"); "x-enqueue: v" resolves
//	             the queue by its vm_id and enqueues v; the response carries "x-last-dequeued".
//	metrics      counter "conformance_go.requests", gauge "conformance_go.inflight" (+1 per request,
//	             -1 at its end), histogram "conformance_go.header_count"; response header
//	             "x-request-count" from get_metric.
//	properties   "x-property: a.b,c" reads each path; response headers "x-prop-a.b: <value>"
//	             (strings raw; paths ending in size/port/code as 8-byte integers, in decimal). The
//	             request phase sets property "conformance.language" to "go", so it can be read back.
//	foreign      response headers "x-foreign-clear-route-cache" and "x-foreign-unknown" carry the
//	             SDK's error text ("ok" when none) of those foreign functions.
//	tick         with tick_ms > 0 every tick adds 1 to shared "ticks"; the response carries "x-ticks".
//
// The root context finishes asynchronously: OnPluginDone logs "plugin done", returns false and
// calls proxy_done.
package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm"
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm/types"
)

func init() {
	proxywasm.SetPluginContext(func(uint32) types.PluginContext { return &plugin{} })
}

func main() {}

const queueName = "conformance"

type config struct {
	Header  string `json:"header"`
	Value   string `json:"value"`
	Cluster string `json:"cluster"`
	TickMs  uint32 `json:"tick_ms"`
}

type plugin struct {
	types.DefaultPluginContext
	cfg      config
	requests proxywasm.MetricCounter
	inflight proxywasm.MetricGauge
	headers  proxywasm.MetricHistogram
}

func (p *plugin) OnPluginStart(int) types.OnPluginStartStatus {
	data, err := proxywasm.GetPluginConfiguration()
	if err == nil && len(data) > 0 {
		if err := json.Unmarshal(data, &p.cfg); err != nil {
			proxywasm.LogCriticalf("invalid configuration: %v", err)
			return types.OnPluginStartStatusFailed
		}
	}
	proxywasm.LogInfof("header from config: %s = %s", p.cfg.Header, p.cfg.Value)
	if _, err := proxywasm.RegisterSharedQueue(queueName); err != nil {
		proxywasm.LogCriticalf("register queue: %v", err)
		return types.OnPluginStartStatusFailed
	}
	p.requests = proxywasm.DefineCounterMetric("conformance_go.requests")
	p.inflight = proxywasm.DefineGaugeMetric("conformance_go.inflight")
	p.headers = proxywasm.DefineHistogramMetric("conformance_go.header_count")
	if p.cfg.TickMs > 0 {
		if err := proxywasm.SetTickPeriodMilliSeconds(p.cfg.TickMs); err != nil {
			proxywasm.LogCriticalf("tick period: %v", err)
			return types.OnPluginStartStatusFailed
		}
	}
	return types.OnPluginStartStatusOK
}

func (p *plugin) OnPluginDone() bool {
	proxywasm.LogInfo("plugin done")
	proxywasm.PluginDone()
	return false
}

func (p *plugin) OnQueueReady(queueID uint32) {
	for {
		item, err := proxywasm.DequeueSharedQueue(queueID)
		if err != nil {
			return // ErrorStatusEmpty ends the batch
		}
		proxywasm.LogInfof("dequeued data: %s", item)
		_ = proxywasm.SetSharedData("dequeued", item, 0)
	}
}

func (p *plugin) OnTick() {
	addShared("ticks")
}

func (p *plugin) NewHttpContext(id uint32) types.HttpContext {
	return &stream{id: id, plugin: p}
}

// addShared adds 1 to a shared little-endian u64, retrying when another VM wrote in between.
func addShared(key string) uint64 {
	for {
		value, cas, err := proxywasm.GetSharedData(key)
		var n uint64
		if err == nil && len(value) == 8 {
			n = binary.LittleEndian.Uint64(value)
		}
		next := make([]byte, 8)
		binary.LittleEndian.PutUint64(next, n+1)
		if err := proxywasm.SetSharedData(key, next, cas); err == nil {
			return n + 1
		}
	}
}

func readShared(key string) string {
	value, _, err := proxywasm.GetSharedData(key)
	if err != nil {
		return ""
	}
	if key == "ticks" && len(value) == 8 {
		return strconv.FormatUint(binary.LittleEndian.Uint64(value), 10)
	}
	return string(value)
}

type stream struct {
	types.DefaultHttpContext
	id         uint32
	plugin     *plugin
	mode       string
	operation  string
	atResponse bool
	sharedSeen uint64
}

func (s *stream) OnHttpRequestHeaders(numHeaders int, _ bool) types.Action {
	s.mode, _ = proxywasm.GetHttpRequestHeader("x-mode")
	switch s.mode {
	case "headers":
		return s.editRequestHeaders()
	case "body":
		return s.prepareBody()
	case "auth_random":
		return s.dispatchAuth()
	case "shared_data":
		s.sharedSeen = addShared("shared_data_key")
		proxywasm.LogInfof("shared value: %d", s.sharedSeen)
	case "queue":
		if item, err := proxywasm.GetHttpRequestHeader("x-enqueue"); err == nil {
			s.enqueue(item)
		}
	case "metrics":
		s.plugin.requests.Increment(1)
		s.plugin.inflight.Add(1)
		s.plugin.headers.Record(uint64(numHeaders))
	case "properties":
		if err := proxywasm.SetProperty([]string{"conformance", "language"}, []byte("go")); err != nil {
			proxywasm.LogErrorf("set property: %v", err)
		}
	}
	return types.ActionContinue
}

func (s *stream) editRequestHeaders() types.Action {
	if err := proxywasm.ReplaceHttpRequestHeader("test", "best"); err != nil {
		proxywasm.LogCriticalf("replace request header: %v", err)
	}
	if err := proxywasm.RemoveHttpRequestHeader("x-remove-me"); err != nil {
		proxywasm.LogCriticalf("remove request header: %v", err)
	}
	hs, err := proxywasm.GetHttpRequestHeaders()
	if err != nil {
		proxywasm.LogCriticalf("get request headers: %v", err)
		return types.ActionContinue
	}
	for _, h := range hs {
		proxywasm.LogInfof("request header --> %s: %s", h[0], h[1])
	}
	if _, err := proxywasm.GetHttpRequestHeader("x-set-pairs"); err == nil {
		kept := [][2]string{{"x-pairs-set", "yes"}}
		for _, h := range hs {
			if h[0] != "x-set-pairs" {
				kept = append(kept, h)
			}
		}
		if err := proxywasm.ReplaceHttpRequestHeaders(kept); err != nil {
			proxywasm.LogCriticalf("set request headers: %v", err)
		}
	}
	return types.ActionContinue
}

func (s *stream) prepareBody() types.Action {
	if at, err := proxywasm.GetHttpRequestHeader("buffer-replace-at"); err == nil && at == "response" {
		s.atResponse = true
	}
	if _, err := proxywasm.GetHttpRequestHeader("content-length"); err != nil {
		_ = proxywasm.SendHttpResponse(400, nil, []byte("content must be provided"), -1)
		return types.ActionPause
	}
	// The body changes length, so the original content-length must not reach the upstream.
	_ = proxywasm.RemoveHttpRequestHeader("content-length")
	s.operation, _ = proxywasm.GetHttpRequestHeader("buffer-operation")
	return types.ActionContinue
}

func (s *stream) dispatchAuth() types.Action {
	hs, err := proxywasm.GetHttpRequestHeaders()
	if err != nil {
		return types.ActionContinue
	}
	cluster := s.plugin.cfg.Cluster
	if cluster == "" {
		cluster = "httpbin"
	}
	if _, err := proxywasm.DispatchHttpCall(cluster, hs, nil, nil, 5000, onAuthAnswer); err != nil {
		proxywasm.LogCriticalf("dispatch http call: %v", err)
		return types.ActionContinue
	}
	proxywasm.LogInfof("http call dispatched to %s", cluster)
	return types.ActionPause
}

func onAuthAnswer(numHeaders, bodySize, _ int) {
	if numHeaders == 0 {
		_ = proxywasm.SendHttpResponse(503, nil, []byte("auth callout failed"), -1)
		return
	}
	body, _ := proxywasm.GetHttpCallResponseBody(0, bodySize)
	hash := fnv.New32a()
	_, _ = hash.Write(body)
	if hash.Sum32()%2 == 0 {
		proxywasm.LogInfo("access granted")
		_ = proxywasm.ResumeHttpRequest()
		return
	}
	proxywasm.LogInfo("access forbidden")
	_ = proxywasm.SendHttpResponse(403, [][2]string{{"powered-by", "proxy-wasm-go-sdk!!"}},
		[]byte("access forbidden"), -1)
}

func (s *stream) enqueue(item string) {
	vmID, err := proxywasm.GetProperty([]string{"plugin_vm_id"})
	if err != nil {
		proxywasm.LogErrorf("plugin_vm_id: %v", err)
		return
	}
	id, err := proxywasm.ResolveSharedQueue(string(vmID), queueName)
	if err != nil {
		proxywasm.LogErrorf("resolve queue: %v", err)
		return
	}
	if err := proxywasm.EnqueueSharedQueue(id, []byte(item)); err != nil {
		proxywasm.LogErrorf("enqueue: %v", err)
	}
}

func (s *stream) OnHttpRequestBody(bodySize int, endOfStream bool) types.Action {
	if s.mode != "body" && s.mode != "echo" || s.atResponse {
		return types.ActionContinue
	}
	if !endOfStream {
		return types.ActionPause // the whole body first
	}
	body, err := proxywasm.GetHttpRequestBody(0, bodySize)
	if err != nil {
		proxywasm.LogErrorf("get request body: %v", err)
		return types.ActionContinue
	}
	proxywasm.LogInfof("original request body: %s", body)
	if s.mode == "echo" {
		_ = proxywasm.SendHttpResponse(200, nil, body, -1)
		return types.ActionPause
	}
	switch s.operation {
	case "append":
		err = proxywasm.AppendHttpRequestBody([]byte("[this is appended body]"))
	case "prepend":
		err = proxywasm.PrependHttpRequestBody([]byte("[this is prepended body]"))
	default:
		err = proxywasm.ReplaceHttpRequestBody([]byte("[this is replaced body]"))
	}
	if err != nil {
		proxywasm.LogErrorf("edit request body: %v", err)
	}
	return types.ActionContinue
}

func (s *stream) OnHttpResponseHeaders(int, bool) types.Action {
	switch s.mode {
	case "headers":
		_ = proxywasm.AddHttpResponseHeader("x-proxy-wasm-go-sdk-example", "http_headers")
		if s.plugin.cfg.Header != "" {
			_ = proxywasm.AddHttpResponseHeader(s.plugin.cfg.Header, s.plugin.cfg.Value)
		}
		hs, _ := proxywasm.GetHttpResponseHeaders()
		for _, h := range hs {
			proxywasm.LogInfof("response header <-- %s: %s", h[0], h[1])
		}
	case "body":
		if s.atResponse {
			_ = proxywasm.RemoveHttpResponseHeader("content-length")
		}
	case "shared_data":
		_ = proxywasm.AddHttpResponseHeader("x-shared-value", strconv.FormatUint(s.sharedSeen, 10))
	case "queue":
		_ = proxywasm.AddHttpResponseHeader("x-last-dequeued", readShared("dequeued"))
	case "metrics":
		_ = proxywasm.AddHttpResponseHeader("x-request-count", strconv.FormatUint(s.plugin.requests.Value(), 10))
	case "properties":
		s.addProperties()
	case "foreign":
		_, err := proxywasm.CallForeignFunction("clear_route_cache", nil)
		_ = proxywasm.AddHttpResponseHeader("x-foreign-clear-route-cache", errorText(err))
		_, err = proxywasm.CallForeignFunction("no_such_function", nil)
		_ = proxywasm.AddHttpResponseHeader("x-foreign-unknown", errorText(err))
	case "tick":
		_ = proxywasm.AddHttpResponseHeader("x-ticks", readShared("ticks"))
	}
	return types.ActionContinue
}

func errorText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

func (s *stream) addProperties() {
	wanted, err := proxywasm.GetHttpRequestHeader("x-property")
	if err != nil {
		return
	}
	for _, path := range strings.Split(wanted, ",") {
		value, err := proxywasm.GetProperty(strings.Split(path, "."))
		text := fmt.Sprintf("error: %v", err)
		if err == nil {
			text = string(value)
			if strings.HasSuffix(path, "size") || strings.HasSuffix(path, "port") || strings.HasSuffix(path, "code") {
				text = strconv.FormatUint(binary.LittleEndian.Uint64(value), 10)
			}
		}
		_ = proxywasm.AddHttpResponseHeader("x-prop-"+path, text)
	}
}

func (s *stream) OnHttpResponseBody(bodySize int, endOfStream bool) types.Action {
	if s.mode != "body" || !s.atResponse {
		return types.ActionContinue
	}
	if !endOfStream {
		return types.ActionPause
	}
	body, err := proxywasm.GetHttpResponseBody(0, bodySize)
	if err != nil {
		proxywasm.LogErrorf("get response body: %v", err)
		return types.ActionContinue
	}
	proxywasm.LogInfof("original response body: %s", body)
	switch s.operation {
	case "append":
		err = proxywasm.AppendHttpResponseBody([]byte("[this is appended body]"))
	case "prepend":
		err = proxywasm.PrependHttpResponseBody([]byte("[this is prepended body]"))
	default:
		err = proxywasm.ReplaceHttpResponseBody([]byte("[this is replaced body]"))
	}
	if err != nil {
		proxywasm.LogErrorf("edit response body: %v", err)
	}
	return types.ActionContinue
}

func (s *stream) OnHttpStreamDone() {
	switch s.mode {
	case "headers":
		proxywasm.LogInfof("%d finished", s.id)
	case "metrics":
		s.plugin.inflight.Add(-1)
	}
}
