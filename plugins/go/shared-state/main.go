// Command shared-state exercises timers, shared data, shared queues and metrics through the Go SDK,
// mirroring plugins/c/shared-state so both languages are held to the same behaviour.
//
// Configuration {"tick_ms": <ms>, "register": 0|1} (absent keys are 0): sets the tick period (logs "tick period
// <ms>: status <code>"), and with register=1 registers shared queue "events". OnTick adds 1 to the
// shared u32 "ticks" with a CAS retry loop and logs "tick"; OnQueueReady dequeues everything
// ("dequeued <item>", then "dequeue stopped: status 7"). Request headers: x-enqueue: <v> enqueues
// v on ("", "events") and adds x-enqueue-status; x-cas adds x-cas-status (see the C plugin).
// Every request increments counter go_requests, adds 5 then -2 to gauge go_inflight, records 42 in
// histogram go_sizes, and adds x-metrics: counter=<v>;gauge=<v>.
package main

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm"
	"github.com/proxy-wasm/proxy-wasm-go-sdk/proxywasm/types"
)

const queueName = "events"

func init() {
	proxywasm.SetPluginContext(func(uint32) types.PluginContext { return &plugin{} })
}

func main() {}

type plugin struct {
	types.DefaultPluginContext
	requests proxywasm.MetricCounter
	inflight proxywasm.MetricGauge
	sizes    proxywasm.MetricHistogram
}

// status turns an SDK error back into the proxy_status_t the host returned.
func status(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, types.ErrorStatusNotFound):
		return 1
	case errors.Is(err, types.ErrorStatusBadArgument):
		return 2
	case errors.Is(err, types.ErrorStatusEmpty):
		return 7
	case errors.Is(err, types.ErrorStatusCasMismatch):
		return 8
	case errors.Is(err, types.ErrorUnimplemented):
		return 12
	default:
		return 99
	}
}

func (p *plugin) OnPluginStart(int) types.OnPluginStartStatus {
	var config struct {
		TickMs   uint32 `json:"tick_ms"`
		Register uint32 `json:"register"`
	}
	if data, err := proxywasm.GetPluginConfiguration(); err == nil && len(data) > 0 {
		if err := json.Unmarshal(data, &config); err != nil {
			proxywasm.LogErrorf("bad configuration: %v", err)
			return types.OnPluginStartStatusFailed
		}
	}
	proxywasm.LogInfof("tick period %d: status %d", config.TickMs, status(proxywasm.SetTickPeriodMilliSeconds(config.TickMs)))
	if config.Register == 1 {
		_, err := proxywasm.RegisterSharedQueue(queueName)
		proxywasm.LogInfof("registered queue %s: status %d", queueName, status(err))
	}
	p.requests = proxywasm.DefineCounterMetric("go_requests")
	p.inflight = proxywasm.DefineGaugeMetric("go_inflight")
	p.sizes = proxywasm.DefineHistogramMetric("go_sizes")
	return types.OnPluginStartStatusOK
}

func (p *plugin) OnTick() {
	for {
		value, cas, err := proxywasm.GetSharedData("ticks")
		var count uint32
		if err == nil && len(value) == 4 {
			count = binary.LittleEndian.Uint32(value)
		}
		next := binary.LittleEndian.AppendUint32(nil, count+1)
		if err := proxywasm.SetSharedData("ticks", next, cas); !errors.Is(err, types.ErrorStatusCasMismatch) {
			break
		}
	}
	proxywasm.LogInfo("tick")
}

func (p *plugin) OnQueueReady(queueID uint32) {
	for {
		item, err := proxywasm.DequeueSharedQueue(queueID)
		if err != nil {
			proxywasm.LogInfof("dequeue stopped: status %d", status(err))
			return
		}
		proxywasm.LogInfof("dequeued %s", item)
	}
}

func (p *plugin) NewHttpContext(uint32) types.HttpContext {
	return &stream{plugin: p}
}

type stream struct {
	types.DefaultHttpContext
	plugin *plugin
}

func (s *stream) OnHttpRequestHeaders(int, bool) types.Action {
	if value, err := proxywasm.GetHttpRequestHeader("x-enqueue"); err == nil {
		id, resolveErr := proxywasm.ResolveSharedQueue("", queueName)
		enqueued := 99
		if resolveErr == nil {
			enqueued = status(proxywasm.EnqueueSharedQueue(id, []byte(value)))
		}
		proxywasm.AddHttpRequestHeader("x-enqueue-status", fmt.Sprintf("%d,%d", status(resolveErr), enqueued))
	}
	if _, err := proxywasm.GetHttpRequestHeader("x-cas"); err == nil {
		proxywasm.AddHttpRequestHeader("x-cas-status", casStatuses())
	}
	s.plugin.requests.Increment(1)
	s.plugin.inflight.Add(5)
	s.plugin.inflight.Add(-2)
	s.plugin.sizes.Record(42)
	proxywasm.AddHttpRequestHeader("x-metrics",
		fmt.Sprintf("counter=%d;gauge=%d", s.plugin.requests.Value(), s.plugin.inflight.Value()))
	return types.ActionContinue
}

func casStatuses() string {
	first := proxywasm.SetSharedData("cas-key", []byte("a"), 0)
	_, cas, got := proxywasm.GetSharedData("cas-key")
	stale := proxywasm.SetSharedData("cas-key", []byte("b"), cas+1000)
	current := proxywasm.SetSharedData("cas-key", []byte("c"), cas)
	_, _, absent := proxywasm.GetSharedData("no-such-key")
	return fmt.Sprintf("%d,%d,%d,%d,%d", status(first), status(got), status(stale), status(current), status(absent))
}
