package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/credsql/credsql/internal/audit"
	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// app holds a run's IO and what its command opened.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	globals        globals

	sim     *sim.Server
	engine  *engine.Engine
	closers []func()
	logger  *slog.Logger

	// audit receives a record of every mutating API call (serve sets it before open).
	audit audit.Sink
	// stop, when closed, ends a running server as SIGINT does (tests).
	stop chan struct{}
	// onDemo, when set, tunes the --demo simulator once it runs (tests).
	onDemo func(*sim.Server)
	// observer, when set before open, is told about every API call (serve's metrics).
	observer fetch.Observer
	// onOpen, when set, is given the engine once it is built (tests).
	onOpen func(*engine.Engine)
	// onListen, when set, is given serve's address once it accepts connections (tests).
	onListen func(addr string)
}

func newApp(in io.Reader, out, errw io.Writer) *app {
	return &app{stdin: in, stdout: out, stderr: errw, getenv: os.Getenv}
}

// globals are the flags every command accepts.
type globals struct {
	configPath  string
	demo        bool
	readOnly    bool
	reveal      bool
	logLevel    string
	cacheTTL    time.Duration
	maxWait     time.Duration
	timeout     time.Duration
	concurrency int
	partial     bool
	demoLatency time.Duration
	cacheSet    bool
	init        bool
	dryRun      bool
}

// register adds the global flags to fs. Values already parsed (flags given before the
// command) stay: they are the defaults of the command's own parse.
func (g *globals) register(fs *flag.FlagSet) {
	if !g.init {
		g.init = true
		g.logLevel, g.maxWait, g.timeout, g.concurrency = "warn", fetch.DefaultMaxWait, fetch.DefaultTimeout, fetch.DefaultConcurrency
	}
	fs.StringVar(&g.configPath, "config", g.configPath, "YAML config file of connections (default $XDG_CONFIG_HOME/credsql/config.yaml when it exists, else the environment)")
	fs.BoolVar(&g.demo, "demo", g.demo, "run against the built-in vendor simulator with generated data")
	fs.BoolVar(&g.readOnly, "read-only", g.readOnly, "refuse every write and mutating procedure, before any API call")
	fs.BoolVar(&g.reveal, "reveal-secrets", g.reveal, "show sensitive columns (client secrets, session tokens) unmasked")
	fs.StringVar(&g.logLevel, "log-level", g.logLevel, "log level on stderr: debug, info, warn or error")
	fs.Var(&optionalDuration{d: &g.cacheTTL, set: &g.cacheSet}, "cache-ttl", "keep API reads this long across queries (default 30s for serve and shell, 5m for run and report, 0 for query)")
	fs.DurationVar(&g.maxWait, "max-wait", g.maxWait, "longest a call may wait for a vendor rate limit to reset before the query fails")
	fs.DurationVar(&g.timeout, "api-timeout", g.timeout, "timeout of one API call attempt")
	fs.IntVar(&g.concurrency, "concurrency", g.concurrency, "most API calls in flight at once per connection: credsql starts at 8 and adapts to the vendor's concurrency limit under this ceiling")
	fs.BoolVar(&g.partial, "partial", g.partial, "when one of a vendor's connections fails, warn and return the others' rows instead of failing the query (the exit code is still 1)")
	fs.DurationVar(&g.demoLatency, "demo-latency", g.demoLatency, "with --demo, simulated API latency per call")
	fs.BoolVar(&g.dryRun, "dry-run", g.dryRun, "writes and procedures show the API calls they would make (method, path, body, secrets masked) and make none; reads still run (SET credsql_dry_run = OFF in a session to write)")
}

// optionalDuration is a duration flag that knows whether it was given.
type optionalDuration struct {
	d   *time.Duration
	set *bool
}

func (o *optionalDuration) String() string {
	if o.d == nil || o.set == nil || !*o.set {
		return ""
	}
	return o.d.String()
}

func (o *optionalDuration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("not a duration like 30s or 2m")
	}
	*o.d, *o.set = v, true
	return nil
}

func (g *globals) help() string {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	var tmp globals
	tmp.register(fs)
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	return b.String()
}

// flagSet returns a command's flag set, with the global flags registered too.
func (a *app) flagSet(c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	a.globals.register(fs)
	return fs
}

// open builds the engine over the configured (or demo) connections. cacheTTL is the
// command's default when --cache-ttl is not given.
func (a *app) open(defaultTTL time.Duration) (*engine.Engine, error) {
	if a.engine != nil {
		return a.engine, nil
	}
	g := &a.globals
	level := slog.LevelWarn
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		return nil, usagef("--log-level %q: use debug, info, warn or error", g.logLevel)
	}
	a.logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, err
	}
	for _, w := range cfg.Warnings {
		fmt.Fprintf(a.stderr, "credsql: warning: %s\n", w)
	}
	ttl := g.cacheTTL
	if !g.cacheSet {
		ttl = defaultTTL
	}
	settings := tables.Settings{
		ReadOnly: g.readOnly, Concurrency: g.concurrency, MaxWait: g.maxWait, Timeout: g.timeout,
		Cache: fetch.NewCache(ttl), Logger: a.logger, Observer: a.observer,
	}
	var conns []*tables.Conn
	for _, cc := range cfg.Connections {
		c, err := tables.Open(cc, settings)
		if err != nil {
			return nil, err
		}
		conns = append(conns, c)
	}
	e, err := engine.New(engine.Options{Conns: conns, Concurrency: g.concurrency, RevealSecrets: g.reveal,
		Logger: a.logger, Version: versionShort(), Partial: g.partial, Audit: a.audit, DryRun: g.dryRun})
	if err != nil {
		return nil, err
	}
	a.engine = e
	a.closers = append(a.closers, func() { _ = e.Close() })
	if a.onOpen != nil {
		a.onOpen(e)
	}
	// Closers run last first: the logout goes before the engine closes. A one-shot command
	// leaves no OpenZiti API session behind; serve and shell log out at shutdown.
	a.closers = append(a.closers, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := e.EndSessions(ctx); err != nil {
			a.logger.Warn(err.Error())
		}
	})
	return e, nil
}

// loadConfig reads --demo, --config, the default config file, or the environment.
func (a *app) loadConfig() (*config.Config, error) {
	g := &a.globals
	if g.demo {
		s, cfg := demo.Start(sim.Options{Seed: 42, Latency: g.demoLatency})
		a.sim = s
		a.closers = append(a.closers, s.Close)
		if a.onDemo != nil {
			a.onDemo(s)
		}
		return cfg, nil
	}
	path := g.configPath
	if path == "" {
		if p := config.DefaultPath(a.getenv); p != "" {
			if _, err := os.Stat(p); err == nil {
				path = p
			}
		}
	}
	if path != "" {
		return config.Load(path, a.getenv)
	}
	return config.FromEnv(a.getenv)
}

func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// erSpecificAccessDenied is the MySQL error the engine gives a vendor's 401 or 403.
const erSpecificAccessDenied = 1227

// isAuthError reports whether a vendor rejected a credential: exit code 3. The error is a
// *fetch.APIError, or, once it has been through the engine, a MySQL error numbered
// erSpecificAccessDenied.
func isAuthError(err error) bool {
	var ae *fetch.APIError
	if errors.As(err, &ae) {
		return ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden
	}
	var coded interface{ Number() int }
	return errors.As(err, &coded) && coded.Number() == erSpecificAccessDenied
}

func versionShort() string {
	v := version
	if v == "" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		} else {
			v = "dev"
		}
	}
	return v
}

func versionString() string {
	c := commit
	if c == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 7 {
					c = s.Value[:7]
				}
			}
		}
	}
	if c == "" {
		c = "unknown"
	}
	return fmt.Sprintf("credsql %s (commit %s)", versionShort(), c)
}

// width is the width text tables fit into: $COLUMNS, else the terminal's when stdout is one,
// else 0 (no limit).
func (a *app) width() int {
	if n, err := strconv.Atoi(a.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if f, ok := a.stdout.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
		return readline.GetScreenWidth()
	}
	return 0
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && readline.IsTerminal(int(f.Fd()))
}
