// Package metrics exposes credsql's inventory to Prometheus: the end date of every
// credential, the outcome of the saved queries and of each connection (written by
// `credsql run --format prometheus` for node_exporter's textfile collector), and the vendor
// API calls of a running server (`credsql serve --metrics-listen`). Every family is written by
// the Prometheus client library, with HELP and TYPE, so that `promtool check metrics` passes.
package metrics

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/inventory"
)

var (
	expiryDesc = prometheus.NewDesc("credsql_credential_expiry_timestamp_seconds",
		"End of validity of a credential (certificate notAfter or key expires_at), in seconds since the Unix epoch; expired credentials included, credentials without an end date have no series.",
		[]string{"vendor", "connection", "table", "parent", "id", "name"}, nil)
	rowsDesc = prometheus.NewDesc("credsql_query_rows",
		"Rows (findings) the saved query returned in the last run; no series when it failed.",
		[]string{"query", "severity"}, nil)
	successDesc = prometheus.NewDesc("credsql_query_success",
		"Whether the saved query ran in the last run (1) or failed (0).",
		[]string{"query", "severity"}, nil)
	listingDesc = prometheus.NewDesc("credsql_credential_listing_success",
		"Whether the credentials of a table could be listed (1) or not (0): when 0, its expiry series are missing.",
		[]string{"vendor", "table"}, nil)
	upDesc = prometheus.NewDesc("credsql_connection_up",
		"Whether the connection answered with its credential accepted (1), or was unreachable, rejected the credential or misses one (0).",
		[]string{"vendor", "connection"}, nil)
	runDesc = prometheus.NewDesc("credsql_run_success",
		"Whether the last run checked everything (1) or something failed (0).", nil, nil)
	runTimeDesc = prometheus.NewDesc("credsql_run_timestamp_seconds",
		"When the last run ended, in seconds since the Unix epoch: alert when it is too old.", nil, nil)
)

// Query is the outcome of a saved query.
type Query struct {
	Name, Severity string
	Rows           int
	OK             bool
}

// Listing is the outcome of a table's credential listing.
type Listing struct {
	Vendor, Table string
	OK            bool
}

// Conn is a connection's state.
type Conn struct {
	Vendor, Name string
	Up           bool
}

// Snapshot is what a run (or a server's refresh) found.
type Snapshot struct {
	Credentials []inventory.Credential
	Listings    []Listing
	Queries     []Query
	Conns       []Conn
	// Time is when it was taken; with Run, the run's outcome series are written too.
	Time time.Time
	Run  bool
	OK   bool
}

// Collector is a prometheus.Collector of the latest snapshot; Set replaces it.
type Collector struct {
	mu   sync.Mutex
	snap Snapshot
}

// NewCollector returns a collector of s.
func NewCollector(s Snapshot) *Collector { return &Collector{snap: s} }

// Set replaces the snapshot.
func (c *Collector) Set(s Snapshot) {
	c.mu.Lock()
	c.snap = s
	c.mu.Unlock()
}

// Describe sends every descriptor.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{expiryDesc, rowsDesc, successDesc, listingDesc, upDesc, runDesc, runTimeDesc} {
		ch <- d
	}
}

// Collect sends the snapshot's series.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	s := c.snap
	c.mu.Unlock()
	type key struct{ vendor, conn, table, parent, id string }
	seen := map[key]bool{}
	for _, cr := range s.Credentials {
		k := key{cr.Vendor, cr.Connection, cr.Table, cr.Parent, cr.ID}
		if cr.Expires.IsZero() || seen[k] {
			continue
		}
		seen[k] = true
		ch <- prometheus.MustNewConstMetric(expiryDesc, prometheus.GaugeValue, float64(cr.Expires.Unix()),
			cr.Vendor, cr.Connection, cr.Table, cr.Parent, cr.ID, cr.Name)
	}
	for _, q := range s.Queries {
		if q.OK {
			ch <- prometheus.MustNewConstMetric(rowsDesc, prometheus.GaugeValue, float64(q.Rows), q.Name, q.Severity)
		}
		ch <- prometheus.MustNewConstMetric(successDesc, prometheus.GaugeValue, boolValue(q.OK), q.Name, q.Severity)
	}
	for _, l := range s.Listings {
		ch <- prometheus.MustNewConstMetric(listingDesc, prometheus.GaugeValue, boolValue(l.OK), l.Vendor, l.Table)
	}
	for _, cn := range s.Conns {
		ch <- prometheus.MustNewConstMetric(upDesc, prometheus.GaugeValue, boolValue(cn.Up), cn.Vendor, cn.Name)
	}
	if s.Run {
		ch <- prometheus.MustNewConstMetric(runDesc, prometheus.GaugeValue, boolValue(s.OK))
		ch <- prometheus.MustNewConstMetric(runTimeDesc, prometheus.GaugeValue, float64(s.Time.Unix()))
	}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// WriteText writes the collectors' series in the Prometheus text exposition format, the one
// node_exporter's textfile collector reads.
func WriteText(w io.Writer, cs ...prometheus.Collector) error {
	reg := prometheus.NewPedanticRegistry()
	for _, c := range cs {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("register metrics: %w", err)
		}
	}
	return Write(w, reg)
}

// Write writes what g gathers in the text exposition format.
func Write(w io.Writer, g prometheus.Gatherer) error {
	families, err := g.Gather()
	if err != nil {
		return fmt.Errorf("gather metrics: %w", err)
	}
	enc := expfmt.NewEncoder(w, expfmt.NewFormat(expfmt.TypeTextPlain))
	for _, mf := range families {
		if err := enc.Encode(mf); err != nil {
			return fmt.Errorf("write metrics: %w", err)
		}
	}
	return nil
}

// Calls counts a server's vendor API calls. It is the fetch.Observer of every connection.
type Calls struct {
	requests    *prometheus.CounterVec
	limited     *prometheus.CounterVec
	unreachable *prometheus.CounterVec
	duration    *prometheus.HistogramVec
}

var _ fetch.Observer = (*Calls)(nil)

// NewCalls returns the call metrics, registered in reg.
func NewCalls(reg prometheus.Registerer) *Calls {
	c := &Calls{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "credsql_vendor_requests_total",
			Help: "HTTP responses received from a vendor API, by status code (retries and logins included)."},
			[]string{"connection", "vendor", "code"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "credsql_vendor_rate_limited_total",
			Help: "429 Too Many Requests responses received from a vendor API."},
			[]string{"connection", "vendor"}),
		unreachable: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "credsql_vendor_request_failures_total",
			Help: "Attempts that got no HTTP response (refused, reset, DNS, TLS, timeout)."},
			[]string{"connection", "vendor"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "credsql_vendor_request_duration_seconds",
			Help:    "Time from sending a vendor API request to its response (or failure), per attempt.",
			Buckets: []float64{.025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}},
			[]string{"connection", "vendor"}),
	}
	reg.MustRegister(c.requests, c.limited, c.unreachable, c.duration)
	return c
}

// Observe counts one attempt.
func (c *Calls) Observe(v fetch.Vendor, connection string, status int, d time.Duration) {
	vendor := string(v)
	c.duration.WithLabelValues(connection, vendor).Observe(d.Seconds())
	if status == 0 {
		c.unreachable.WithLabelValues(connection, vendor).Inc()
		return
	}
	c.requests.WithLabelValues(connection, vendor, strconv.Itoa(status)).Inc()
	if status == http.StatusTooManyRequests {
		c.limited.WithLabelValues(connection, vendor).Inc()
	}
}

// Init creates the series of a connection at zero, so that rate() and alerts see them before
// the first call.
func (c *Calls) Init(vendor, connection string) {
	c.limited.WithLabelValues(connection, vendor)
	c.unreachable.WithLabelValues(connection, vendor)
}

// Handler serves reg's metrics on GET /metrics.
func Handler(reg *prometheus.Registry) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
	return mux
}

// SortCredentials orders credentials by vendor, connection, table, parent and id, for stable
// output.
func SortCredentials(cs []inventory.Credential) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Vendor != b.Vendor {
			return a.Vendor < b.Vendor
		}
		if a.Connection != b.Connection {
			return a.Connection < b.Connection
		}
		if a.Table != b.Table {
			return a.Table < b.Table
		}
		if a.Parent != b.Parent {
			return a.Parent < b.Parent
		}
		return a.ID < b.ID
	})
}

// LimitSample is the adaptive in-flight limit of one rate-limit bucket of a connection
// (fetch.LimitState, with its connection).
type LimitSample struct {
	Vendor, Connection, Bucket string
	Limit, InFlight, Ceiling   int
}

// limits exposes every connection's in-flight limits, read when /metrics is scraped.
type limits struct {
	read                     func() []LimitSample
	limit, inFlight, ceiling *prometheus.Desc
}

// NewLimits returns a collector of the in-flight limits that read returns at each scrape.
func NewLimits(read func() []LimitSample) prometheus.Collector {
	labels := []string{"connection", "vendor", "bucket"}
	return &limits{
		read: read,
		limit: prometheus.NewDesc("credsql_vendor_inflight_limit",
			"Calls that may be in flight at once on a connection's rate-limit bucket: the adaptive limit, halved on a concurrency 429 and grown while calls succeed (bucket \"\" when the vendor has one).",
			labels, nil),
		inFlight: prometheus.NewDesc("credsql_vendor_inflight",
			"Calls in flight now on a connection's rate-limit bucket.", labels, nil),
		ceiling: prometheus.NewDesc("credsql_vendor_inflight_ceiling",
			"The most calls a connection's bucket may ever have in flight (its concurrency setting).", labels, nil),
	}
}

func (l *limits) Describe(ch chan<- *prometheus.Desc) {
	ch <- l.limit
	ch <- l.inFlight
	ch <- l.ceiling
}

func (l *limits) Collect(ch chan<- prometheus.Metric) {
	for _, s := range l.read() {
		lv := []string{s.Connection, s.Vendor, s.Bucket}
		ch <- prometheus.MustNewConstMetric(l.limit, prometheus.GaugeValue, float64(s.Limit), lv...)
		ch <- prometheus.MustNewConstMetric(l.inFlight, prometheus.GaugeValue, float64(s.InFlight), lv...)
		ch <- prometheus.MustNewConstMetric(l.ceiling, prometheus.GaugeValue, float64(s.Ceiling), lv...)
	}
}
